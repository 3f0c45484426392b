import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import path from "path"
import { CREDENTIALS_MODULE } from "../../src/modules/credentials"
import {
  CredentialEvent,
  CustomerCredential,
  CustomerReference,
} from "../../src/modules/credentials/models"
import CredentialsModuleService from "../../src/modules/credentials/service"

jest.setTimeout(60 * 1000)

const RULE = { threshold: 3, windowMinutes: 15, lockoutMinutes: 10 }
const minutes = (from: Date, count: number) =>
  new Date(from.getTime() + count * 60_000)

// The hot paths' one-statement writes: what they count, lock, create and
// return for compensation, checked against the rows themselves.
moduleIntegrationTestRunner<CredentialsModuleService>({
  moduleName: CREDENTIALS_MODULE,
  moduleModels: [CustomerCredential, CredentialEvent, CustomerReference],
  resolve: path.join(__dirname, "../../src/modules/credentials"),
  pathToMigrations: path.join(
    __dirname,
    "../../src/modules/credentials/migrations"
  ),
  testSuite: ({ service }) => {
    describe("CredentialsModuleService.beginSignInAttempt", () => {
      it("returns null for a customer without a row, and writes nothing", async () => {
        const attempt = await service.beginSignInAttempt(
          { customerId: "cus_none", authIdentityId: "authid_none" },
          RULE
        )

        expect(attempt).toBeNull()
        expect(
          await service.listCustomerCredentials({ customer_id: "cus_none" })
        ).toHaveLength(0)
      })

      it("counts each attempt, locks at the threshold, and stops counting while locked", async () => {
        await service.ensureCustomerCredential("cus_1")
        const now = new Date()
        const input = { customerId: "cus_1", authIdentityId: "authid_1" }

        const counts: number[] = []
        for (let i = 0; i < 3; i++) {
          counts.push(
            (await service.beginSignInAttempt(input, RULE, now))!
              .failed_login_count
          )
        }
        const locked = await service.beginSignInAttempt(input, RULE, now)

        expect(counts).toEqual([1, 2, 3])
        expect(locked).toEqual(
          expect.objectContaining({
            was_locked: true,
            failed_login_count: 3,
            locked_until: minutes(now, 10),
          })
        )
      })

      it("starts a new count once the lock ran out", async () => {
        await service.ensureCustomerCredential("cus_2")
        const input = { customerId: "cus_2", authIdentityId: "authid_2" }
        const start = new Date()
        for (let i = 0; i < 3; i++) {
          await service.beginSignInAttempt(input, RULE, start)
        }

        const later = await service.beginSignInAttempt(
          input,
          RULE,
          minutes(start, 11)
        )

        expect(later).toEqual(
          expect.objectContaining({
            was_locked: false,
            failed_login_count: 1,
            locked_until: null,
          })
        )
      })

      it("reads the login's references, oldest first", async () => {
        await service.ensureCustomerCredential("cus_3")
        await service.createCustomerReferences({
          auth_identity_id: "authid_3",
          customer_id: "cus_company_a",
          email: "buyer@example.com",
          internet_user: true,
          permissions: { place_orders: false },
        })
        await service.createCustomerReferences({
          auth_identity_id: "authid_3",
          customer_id: "cus_company_b",
          email: "buyer@example.com",
          internet_user: false,
        })

        const attempt = await service.beginSignInAttempt(
          { customerId: "cus_3", authIdentityId: "authid_3" },
          RULE
        )

        expect(attempt!.references).toEqual([
          expect.objectContaining({
            customer_id: "cus_company_a",
            internet_user: true,
            permissions: { place_orders: false },
          }),
          expect.objectContaining({
            customer_id: "cus_company_b",
            internet_user: false,
          }),
        ])
      })
    })

    describe("CredentialsModuleService.settleSignInAttempt", () => {
      it("clears the count and lock, stamps the sign-in and appends the audit row", async () => {
        await service.ensureCustomerCredential("cus_4")
        const now = new Date()
        const attempt = (await service.beginSignInAttempt(
          { customerId: "cus_4", authIdentityId: "authid_4" },
          RULE,
          now
        ))!

        await service.settleSignInAttempt(
          {
            credentialId: attempt.credential_id,
            signedInAt: now,
            event: {
              customer_id: "cus_4",
              action: "signed_in",
              actor_type: "customer",
              actor_id: "cus_4",
              metadata: { ip: "127.0.0.1" },
            },
          },
          now
        )

        const credential = await service.retrieveCustomerCredential(
          attempt.credential_id
        )
        expect(credential).toEqual(
          expect.objectContaining({
            failed_login_count: 0,
            last_failed_login_at: null,
            locked_until: null,
            last_login_at: now,
          })
        )
        const events = await service.listCredentialEvents({
          customer_id: "cus_4",
        })
        expect(events).toEqual([
          expect.objectContaining({
            id: expect.stringMatching(/^credevt_/),
            action: "signed_in",
            actor_type: "customer",
            metadata: { ip: "127.0.0.1" },
          }),
        ])
      })
    })

    describe("CredentialsModuleService.applyCredentialChange", () => {
      const event = {
        action: "registered" as const,
        actor_type: "customer" as const,
        actor_id: "cus_5",
      }

      it("creates the row with the defaults for the other columns, and says so", async () => {
        const now = new Date()
        const applied = await service.applyCredentialChange(
          {
            customerId: "cus_5",
            changes: { last_password_change_at: now, registered_at: now },
            keepExisting: ["registered_at"],
            event,
          },
          now
        )

        expect(applied).toEqual({
          credential_id: expect.stringMatching(/^ccred_/),
          created: true,
          previous: null,
          event_id: expect.stringMatching(/^credevt_/),
        })
        expect(
          await service.retrieveCustomerCredential(applied.credential_id)
        ).toEqual(
          expect.objectContaining({
            customer_id: "cus_5",
            login_enabled: true,
            // The model's default: a login older than the plugin signs in.
            email_confirmed: true,
            registered_at: now,
            last_password_change_at: now,
          })
        )
        expect(
          await service.listCredentialEvents({ id: applied.event_id })
        ).toEqual([expect.objectContaining({ action: "registered" })])
      })

      it("updates an existing row, keeps a first registration date, and returns the values it replaced", async () => {
        const first = new Date("2026-01-02T03:04:05.000Z")
        const { credential } = await service.ensureCustomerCredential("cus_6")
        await service.updateCustomerCredentials({
          id: credential.id,
          registered_at: first,
          email_confirmed: false,
        })

        const now = new Date()
        const applied = await service.applyCredentialChange(
          {
            customerId: "cus_6",
            changes: { email_confirmed: true, registered_at: now },
            keepExisting: ["registered_at"],
            event: { ...event, action: "activated" },
          },
          now
        )

        expect(applied).toEqual(
          expect.objectContaining({
            credential_id: credential.id,
            created: false,
            previous: { email_confirmed: false, registered_at: first },
          })
        )
        expect(await service.retrieveCustomerCredential(credential.id)).toEqual(
          expect.objectContaining({
            email_confirmed: true,
            registered_at: first,
          })
        )
        expect(
          await service.listCustomerCredentials({ customer_id: "cus_6" })
        ).toHaveLength(1)
      })
    })
  },
})
