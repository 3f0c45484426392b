import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import path from "path"
import { CREDENTIALS_MODULE } from "../../src/modules/credentials"
import { CustomerCredential } from "../../src/modules/credentials/models"
import CredentialsModuleService from "../../src/modules/credentials/service"

jest.setTimeout(60 * 1000)

moduleIntegrationTestRunner<CredentialsModuleService>({
  moduleName: CREDENTIALS_MODULE,
  moduleModels: [CustomerCredential],
  resolve: path.join(__dirname, "../../src/modules/credentials"),
  pathToMigrations: path.join(
    __dirname,
    "../../src/modules/credentials/migrations"
  ),
  testSuite: ({ service }) => {
    describe("CredentialsModuleService.ensureCustomerCredential", () => {
      it("creates a row with the documented defaults on first need", async () => {
        const { credential, created } =
          await service.ensureCustomerCredential("cus_1")

        expect(created).toBe(true)
        expect(credential).toEqual(
          expect.objectContaining({
            id: expect.stringMatching(/^ccred_/),
            customer_id: "cus_1",
            login_enabled: true,
            // A login older than the plugin keeps signing in.
            email_confirmed: true,
            registered_at: null,
            customer_number: null,
            must_change_password: false,
            failed_login_count: 0,
            locked_until: null,
          })
        )
      })

      it("returns the existing row on later calls", async () => {
        const first = await service.ensureCustomerCredential("cus_2")
        const second = await service.ensureCustomerCredential("cus_2")

        expect(second.created).toBe(false)
        expect(second.credential.id).toBe(first.credential.id)
      })

      it("keeps one row per customer when called concurrently", async () => {
        const results = await Promise.all(
          Array.from({ length: 10 }, () =>
            service.ensureCustomerCredential("cus_3")
          )
        )

        const ids = new Set(results.map((r) => r.credential.id))
        expect(ids.size).toBe(1)
        expect(results.filter((r) => r.created)).toHaveLength(1)
        expect(
          await service.listCustomerCredentials({ customer_id: "cus_3" })
        ).toHaveLength(1)
      })

      it("refuses a second row for the same customer at the database", async () => {
        await service.createCustomerCredentials({ customer_id: "cus_4" })

        await expect(
          service.createCustomerCredentials({ customer_id: "cus_4" })
        ).rejects.toThrow(/customer_id/)
      })

      it("refuses two customers with the same customer number", async () => {
        await service.createCustomerCredentials({
          customer_id: "cus_5",
          customer_number: "100001",
        })

        await expect(
          service.createCustomerCredentials({
            customer_id: "cus_6",
            customer_number: "100001",
          })
        ).rejects.toThrow(/customer_number/)
      })
    })
  },
})
