import { CredentialEvent } from "../src/modules/credentials/models"
import { INSERT_CREDENTIAL_EVENT } from "../src/modules/credentials/repositories/credential-statements"

/**
 * The hand-written audit insert names the model's columns itself (it runs
 * beside a change, in one statement). A column added to the model, or
 * renamed, must fail here rather than at the first sign-in.
 */
describe("INSERT_CREDENTIAL_EVENT", () => {
  it("writes every column of the credential_event model, and no other", () => {
    const written = /\(([^)]+)\)\s*VALUES/i
      .exec(INSERT_CREDENTIAL_EVENT)![1]
      .split(",")
      .map((column) => column.trim())
    // Every column the model has (DML adds created_at, updated_at and
    // deleted_at), but deleted_at: a new row is not deleted.
    const modelColumns = Object.keys(CredentialEvent.schema).filter(
      (column) => column !== "deleted_at"
    )

    expect([...written].sort()).toEqual(modelColumns.sort())
  })

  it("binds one value per column", () => {
    const [columns, values] = /\(([^)]+)\)\s*VALUES\s*\(([^)]+)\)/i
      .exec(INSERT_CREDENTIAL_EVENT)!
      .slice(1)
      .map((list) => list.split(",").length)
    expect(values).toBe(columns)
  })
})
