import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import confirmExistingLogins from "../../src/migration-scripts/confirm-existing-logins"
import { createAdminAndSignIn } from "./utils/admin"
import { credentialsService, failure } from "./utils/credentials"
import { createCustomer, createRegisteredCustomer } from "./utils/customers"
import {
  afterOutboxQuiet,
  afterSubscribers,
  emailsTo,
} from "./utils/notifications"
import { createPublishableKeyHeader } from "./utils/store"
import {
  activationTokenFrom,
  STORE_PASSWORD,
  storeClient,
} from "./utils/store-session"

jest.setTimeout(240 * 1000)

const ADMIN_PASSWORD_FOR_CUSTOMER = "Typed-By-Admin-1!"

/**
 * "Email confirmed" means what it says (issue 14 #2): with the switch off a
 * login does not sign in, whoever made it, on any sign-in route, until the
 * customer follows the confirmation link; turning it off in the admin sends
 * that link once and says so in the audit trail; customers whose login is
 * older than the plugin keep signing in.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let store: ReturnType<typeof storeClient>
    let adminHeaders: Record<string, string>

    beforeEach(async () => {
      store = storeClient(api, await createPublishableKeyHeader(getContainer()))
      ;({ headers: adminHeaders } = await createAdminAndSignIn(
        getContainer(),
        api
      ))
      await api.post(
        "/admin/credential-settings",
        { allow_manual_entry: true, password_ticket_expiration_minutes: 0 },
        { headers: adminHeaders }
      )
    })

    const admin = (path: string, body: unknown) =>
      api.post(path, body, { headers: adminHeaders }).catch(failure)
    type AdminAnswer = Awaited<ReturnType<typeof admin>>

    /**
     * The plugin's sign-in route and core's (which the plugin's guard runs
     * through the same gates; every spelling and method is in
     * gates-route-matrix.spec.ts).
     */
    const signInEverywhere = async (email: string, password: string) => [
      await store.post("/store/credentials/login", {
        identifier: email,
        password,
      }),
      await store.post("/auth/customer/emailpass", { email, password }),
    ]

    const expectRefusedEverywhere = async (email: string, password: string) => {
      for (const response of await signInEverywhere(email, password)) {
        expect({ status: response.status, code: response.data.code }).toEqual({
          status: 401,
          code: "email_not_confirmed",
        })
        expect(response.data.token).toBeUndefined()
      }
    }

    const expectSignsInEverywhere = async (email: string, password: string) => {
      for (const response of await signInEverywhere(email, password)) {
        expect(response.status).toBe(200)
        expect(typeof response.data.token).toBe("string")
      }
    }

    /** The confirmation links emailed to an address (other emails aside). */
    const linksTo = async (email: string) =>
      (await emailsTo(getContainer(), email)).filter(
        (sent) => sent.template === "customer-account-activation"
      )

    const followLink = async (email: string) => {
      const sent = await linksTo(email)
      expect(sent).toHaveLength(1)
      const token = activationTokenFrom(sent[0].data.text as string)
      const activated = await store.post("/store/credentials/activate", {
        token,
      })
      expect(activated.status).toBe(200)
    }

    describe("a login an admin made with a password they typed", () => {
      it("is refused with email_not_confirmed on every sign-in route, gets one link, and signs in after following it", async () => {
        const customer = await createCustomer(getContainer(), {
          email: "typed@example.com",
          first_name: "Tia",
        })

        const set = await afterSubscribers<AdminAnswer>(
          getContainer(),
          "auth.verification_requested",
          () =>
            admin(`/admin/customers/${customer.id}/credentials/password`, {
              password: ADMIN_PASSWORD_FOR_CUSTOMER,
              confirm_password: ADMIN_PASSWORD_FOR_CUSTOMER,
            })
        )
        expect(set.status).toBe(200)
        expect(set.data.credentials).toEqual(
          expect.objectContaining({
            is_registered: true,
            email_confirmed: false,
          })
        )

        await expectRefusedEverywhere(
          "typed@example.com",
          ADMIN_PASSWORD_FOR_CUSTOMER
        )
        await followLink("typed@example.com")
        await expectSignsInEverywhere(
          "typed@example.com",
          ADMIN_PASSWORD_FOR_CUSTOMER
        )
      })

      it("signs in at once when the admin vouches for the email, and sends nothing", async () => {
        const customer = await createCustomer(getContainer(), {
          email: "vouched@example.com",
        })
        const set = await admin(
          `/admin/customers/${customer.id}/credentials/password`,
          {
            password: ADMIN_PASSWORD_FOR_CUSTOMER,
            confirm_password: ADMIN_PASSWORD_FOR_CUSTOMER,
            email_confirmed: true,
          }
        )
        expect(set.data.credentials.email_confirmed).toBe(true)
        await expectSignsInEverywhere(
          "vouched@example.com",
          ADMIN_PASSWORD_FOR_CUSTOMER
        )
        await afterOutboxQuiet(getContainer())
        expect(await linksTo("vouched@example.com")).toEqual([])
      })

      it("refuses email_confirmed for a customer who has a login already (the switch decides), and changes nothing", async () => {
        const customer = await createRegisteredCustomer(getContainer(), {
          email: "has-login@example.com",
          password: STORE_PASSWORD,
        })
        const response = await admin(
          `/admin/customers/${customer.id}/credentials/password`,
          {
            password: ADMIN_PASSWORD_FOR_CUSTOMER,
            confirm_password: ADMIN_PASSWORD_FOR_CUSTOMER,
            email_confirmed: false,
          }
        )
        expect(response.status).toBe(400)
        expect(response.data.message).toMatch(/Email confirmed switch/)
        await expectSignsInEverywhere("has-login@example.com", STORE_PASSWORD)
      })
    })

    describe("the admin turns Email confirmed off", () => {
      it("sends exactly one working link, ends the sessions, audits link_sent, and the login signs in after the link", async () => {
        const customer = await createRegisteredCustomer(getContainer(), {
          email: "switched@example.com",
          password: STORE_PASSWORD,
        })
        const before = await store.post("/store/credentials/login", {
          identifier: "switched@example.com",
          password: STORE_PASSWORD,
        })
        expect(before.status).toBe(200)

        const off = await afterSubscribers<AdminAnswer>(
          getContainer(),
          "auth.verification_requested",
          () =>
            admin(`/admin/customers/${customer.id}/credentials`, {
              email_confirmed: false,
              send_confirmation_link: true,
            })
        )
        expect(off.status).toBe(200)
        expect(off.data.confirmation_link_sent).toBe(true)
        expect(off.data.credentials.email_confirmed).toBe(false)

        // The same request again (a double click) sends nothing more.
        const again = await admin(
          `/admin/customers/${customer.id}/credentials`,
          {
            email_confirmed: false,
            send_confirmation_link: true,
          }
        )
        expect(again.data.confirmation_link_sent).toBe(false)
        await afterOutboxQuiet(getContainer())

        await expectRefusedEverywhere("switched@example.com", STORE_PASSWORD)
        const refresh = await store.post(
          "/auth/token/refresh",
          {},
          before.data.token
        )
        expect(refresh.status).toBe(401)

        const events = await api.get(
          `/admin/customers/${customer.id}/credentials/events`,
          { headers: adminHeaders }
        )
        expect(
          events.data.events.filter(
            (event: { action: string }) => event.action === "email_unconfirmed"
          )
        ).toEqual([
          expect.objectContaining({
            actor_type: "user",
            metadata: { link_sent: true },
          }),
        ])

        await followLink("switched@example.com")
        await expectSignsInEverywhere("switched@example.com", STORE_PASSWORD)
      })

      it("refuses send_confirmation_link without email_confirmed: false, and changes nothing", async () => {
        const customer = await createRegisteredCustomer(getContainer(), {
          email: "flag@example.com",
          password: STORE_PASSWORD,
        })
        const response = await admin(
          `/admin/customers/${customer.id}/credentials`,
          { email_confirmed: true, send_confirmation_link: true }
        )
        expect(response.status).toBe(400)
        expect(response.data.message).toMatch(/send_confirmation_link/)
        expect(
          await credentialsService(getContainer()).listCustomerCredentials({
            customer_id: customer.id,
          })
        ).toEqual([])
      })

      it("turned off without a link: refused, and the storefront's resend sends the link", async () => {
        const customer = await createRegisteredCustomer(getContainer(), {
          email: "nolink@example.com",
          password: STORE_PASSWORD,
        })
        const off = await admin(`/admin/customers/${customer.id}/credentials`, {
          email_confirmed: false,
        })
        expect(off.data.confirmation_link_sent).toBe(false)
        await expectRefusedEverywhere("nolink@example.com", STORE_PASSWORD)

        await afterSubscribers(
          getContainer(),
          "auth.verification_requested",
          () =>
            store.post("/store/credentials/resend-activation", {
              email: "nolink@example.com",
            })
        )
        await followLink("nolink@example.com")
        await expectSignsInEverywhere("nolink@example.com", STORE_PASSWORD)
      })
    })

    describe("customers whose login is older than the plugin", () => {
      it("keep signing in: a login without a row gets one, confirmed", async () => {
        const customer = await createRegisteredCustomer(getContainer(), {
          email: "old@example.com",
          password: STORE_PASSWORD,
        })
        await expectSignsInEverywhere("old@example.com", STORE_PASSWORD)
        const [row] = await credentialsService(
          getContainer()
        ).listCustomerCredentials({ customer_id: customer.id })
        expect(row.email_confirmed).toBe(true)
      })

      it("keep signing in with a row saved unconfirmed before the upgrade (the migration script), unless a link is pending", async () => {
        const service = credentialsService(getContainer())
        const kept = await createRegisteredCustomer(getContainer(), {
          email: "saved@example.com",
          password: STORE_PASSWORD,
        })
        const waiting = await createRegisteredCustomer(getContainer(), {
          email: "waiting@example.com",
          password: STORE_PASSWORD,
        })
        await service.createCustomerCredentials([
          { customer_id: kept.id, email_confirmed: false },
          { customer_id: waiting.id, email_confirmed: false },
        ])
        const auth = getContainer().resolve(Modules.AUTH)
        const [waitingLogin] = await auth.listProviderIdentities({
          entity_id: "waiting@example.com",
          provider: "emailpass",
        })
        await auth.requestAuthVerification({
          auth_identity_id: waitingLogin.auth_identity_id!,
          entity_id: "waiting@example.com",
          entity_type: "email",
          code_provider: "token",
        })

        await confirmExistingLogins({
          container: getContainer(),
        } as Parameters<typeof confirmExistingLogins>[0])

        await expectSignsInEverywhere("saved@example.com", STORE_PASSWORD)
        await expectRefusedEverywhere("waiting@example.com", STORE_PASSWORD)
      })
    })
  },
})
