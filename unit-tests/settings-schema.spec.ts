import { settingsSections } from "../src/admin/labels/settings"
import {
  describeSetting,
  validateField,
  visibleSections,
} from "../src/admin/lib/settings-form"
import { CredentialSettings } from "../src/modules/credentials/models/credential-settings"
import { parseCredentialsOptions } from "../src/modules/credentials/options"
import {
  DEFAULT_SETTINGS,
  emptySavedSettings,
  permissionsSchema,
  resolveSettings,
  SETTING_COLUMNS,
  settingSchemaAt,
  settingsOptionsSchema,
  settingsPatchSchema,
  toSettingColumns,
  type SettingPath,
} from "../src/modules/credentials/settings-schema"

type ColumnShape = { dataType: { name: string }; nullable: boolean }

const NOT_SETTINGS = [
  "id",
  "store_id",
  "created_at",
  "updated_at",
  "deleted_at",
]

type ZodDef = { def: { type: string } }

/** A column's rule: its own name, a policy rule's `password_<rule>`, the rights. */
const schemaOfColumn = (column: string) =>
  column === "permissions"
    ? permissionsSchema
    : (settingSchemaAt(column) ??
      settingSchemaAt(`password_policy.${column.replace(/^password_/, "")}`))

/** The model's settings columns: name → DML type and nullability. */
const modelColumns = (): Record<string, ColumnShape> => {
  const schema = (
    CredentialSettings as unknown as {
      schema: Record<string, { parse: (name: string) => ColumnShape }>
    }
  ).schema
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([name]) => !NOT_SETTINGS.includes(name))
      .map(([name, property]) => [name, property.parse(name)])
  )
}

/** Every path an admin form can name, from the defaults' shape. */
const settingPaths = (): SettingPath[] =>
  Object.entries(DEFAULT_SETTINGS).flatMap(([key, value]) =>
    value !== null && typeof value === "object" && !Array.isArray(value)
      ? Object.keys(value).map((inner) => `${key}.${inner}` as SettingPath)
      : [key as SettingPath]
  )

describe("settings schema and the credential_settings model", () => {
  it("name the same columns", () => {
    expect([...SETTING_COLUMNS].sort()).toEqual(
      Object.keys(modelColumns()).sort()
    )
  })

  it("agree on each column's type, and every column is nullable", () => {
    const dml: Record<string, string> = {
      boolean: "boolean",
      number: "number",
      string: "text",
      array: "json",
      record: "json",
      enum: "enum",
    }
    const columns = modelColumns()
    for (const column of SETTING_COLUMNS) {
      const zodType = (schemaOfColumn(column) as unknown as ZodDef).def.type
      expect({ column, type: columns[column].dataType.name }).toEqual({
        column,
        type: dml[zodType],
      })
      expect({ column, nullable: columns[column].nullable }).toEqual({
        column,
        nullable: true,
      })
    }
  })
})

describe("the settings derived from the schema", () => {
  it("the defaults pass the options' own rules", () => {
    expect(settingsOptionsSchema.parse(DEFAULT_SETTINGS)).toEqual(
      DEFAULT_SETTINGS
    )
  })

  it("options and the admin's patch normalise alike (trim, lower-case domains)", () => {
    const raw = {
      sso_button_label: "  Sign in with Acme  ",
      sso_allowed_email_domains: [" Corp.Example "],
    }
    const options = parseCredentialsOptions({ settings: raw }).settings
    const patch = settingsPatchSchema.parse(raw)
    expect(options.sso_button_label).toBe("Sign in with Acme")
    expect(options.sso_allowed_email_domains).toEqual(["corp.example"])
    expect(patch.sso_button_label).toBe("Sign in with Acme")
    expect(patch.sso_allowed_email_domains).toEqual(["corp.example"])
  })

  it("options and the admin's patch share bounds (the ticket maximum)", () => {
    const tooLong = { password_ticket_expiration_minutes: 525601 }
    expect(() => parseCredentialsOptions({ settings: tooLong })).toThrow(
      /settings\.password_ticket_expiration_minutes/
    )
    expect(settingsPatchSchema.safeParse(tooLong).success).toBe(false)
    expect(() =>
      parseCredentialsOptions({
        settings: { sso_allowed_email_domains: ["not a domain"] },
      })
    ).toThrow(/must be a domain such as example.com/)
  })

  it("a patch flattens to columns, resolves over the options, and null hands back", () => {
    const previous = emptySavedSettings()
    const columns = toSettingColumns(
      settingsPatchSchema.parse({
        lockout_minutes: 30,
        password_policy: { min_length: 12, require_digit: null },
        permissions: { view_prices: false },
      }),
      previous
    )
    expect(columns).toEqual({
      lockout_minutes: 30,
      password_min_length: 12,
      password_require_digit: null,
      permissions: { view_prices: false },
    })
    const settings = resolveSettings(
      { ...previous, ...columns },
      DEFAULT_SETTINGS
    )
    expect(settings).toEqual({
      ...DEFAULT_SETTINGS,
      lockout_minutes: 30,
      password_policy: { ...DEFAULT_SETTINGS.password_policy, min_length: 12 },
      permissions: { ...DEFAULT_SETTINGS.permissions, view_prices: false },
    })
    expect(
      resolveSettings(
        { ...previous, ...toSettingColumns({ permissions: null }, previous) },
        DEFAULT_SETTINGS
      ).permissions
    ).toEqual(DEFAULT_SETTINGS.permissions)
  })

  it("rights merge one by one into what was saved", () => {
    const previous = {
      ...emptySavedSettings(),
      permissions: { place_orders: false },
    }
    expect(
      toSettingColumns({ permissions: { view_orders: false } }, previous)
    ).toEqual({ permissions: { place_orders: false, view_orders: false } })
  })
})

describe("the admin settings page", () => {
  const labelled = settingsSections.flatMap((section) => section.fields)

  it("labels every setting the server has, once", () => {
    expect(labelled.map((field) => field.key).sort()).toEqual(
      settingPaths().sort()
    )
  })

  it("takes each field's kind and bounds from the schema", () => {
    const fields = visibleSections(
      settingsSections,
      DEFAULT_SETTINGS as unknown as Record<string, unknown>
    ).flatMap((section) => section.fields)
    expect(fields).toHaveLength(labelled.length)
    expect(
      describeSetting({ key: "lockout_threshold", label: "", description: "" })
    ).toMatchObject({ kind: "integer", min: 1, max: 1000 })
    expect(
      describeSetting({
        key: "password_ticket_expiration_minutes",
        label: "",
        description: "",
      })
    ).toMatchObject({ kind: "integer", min: 0, max: 525600 })
    expect(
      describeSetting({ key: "sso_button_label", label: "", description: "" })
    ).toMatchObject({ kind: "text", maxLength: 100 })
  })

  it("refuses what the server refuses", () => {
    const field = (key: SettingPath) =>
      describeSetting({ key, label: "", description: "" })!
    expect(validateField(field("lockout_threshold"), "1001")).toMatch(
      /1 to 1000/
    )
    expect(validateField(field("lockout_threshold"), "1000")).toBeNull()
    expect(validateField(field("sso_button_label"), "   ")).toMatch(/1 to 100/)
    expect(
      validateField(field("sso_allowed_email_domains"), "Corp.Example, nope")
    ).toMatch(/"nope"/)
  })
})
