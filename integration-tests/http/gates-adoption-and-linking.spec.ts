import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { AxiosInstance } from "axios"
import { createAdminAndSignIn } from "./utils/admin"
import { failure } from "./utils/credentials"
import { afterSubscribers, emailsTo } from "./utils/notifications"
import {
  ssoBindingCookie,
  useOidcTestProvider,
  type OidcTestUser,
} from "./utils/oidc-test-provider"
import { createPublishableKeyHeader } from "./utils/store"
import { activationTokenFrom, storeClient } from "./utils/store-session"

jest.setTimeout(180 * 1000)

/**
 * Never adopt a password the store did not set: anyone can register any
 * email with Medusa's own routes. When the store later gives that login an
 * account (activation, bulk, generate, a B2B reference, single sign-on), the
 * stranger's password must stop working and their earlier tokens with it;
 * the owner of the email gets in through the link the store emails.
 */

const STRANGER_PASSWORD = "Stranger-Passw0rd!"
const OWNER_PASSWORD = "Owner-Chosen-Passw0rd!"
const WRONG_PASSWORD = {
  type: "unauthorized",
  code: "invalid_credentials",
  message: "Invalid email or password",
}

// A real OpenID Connect provider on loopback, started before Medusa boots so
// medusa-config.ts registers the plugin's OIDC provider against it.
const oidcProvider = useOidcTestProvider({
  OIDC_REQUIRE_VERIFIED_EMAIL: "false",
})

type Job = { status: string; succeeded: number; failed: number }

const waitForJob = async (
  api: AxiosInstance,
  headers: Record<string, string>,
  id: string
): Promise<Job> => {
  for (let attempt = 0; attempt < 600; attempt++) {
    const { data } = await api.get(`/admin/credentials/bulk/${id}`, {
      headers,
    })
    if (data.job.status === "completed" || data.job.status === "failed") {
      return data.job
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`bulk job ${id} did not finish`)
}

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let store: ReturnType<typeof storeClient>
    let adminHeaders: Record<string, string>
    let people = 0
    let email: string

    const admin = {
      post: (path: string, body: unknown) =>
        api.post(path, body, { headers: adminHeaders }).catch(failure),
    }

    /** The customer of this test's email (a registration's answer names none). */
    const customerIdOfEmail = async () => {
      const [customer] = await getContainer()
        .resolve(Modules.CUSTOMER)
        .listCustomers({ email })
      return customer.id
    }

    beforeEach(async () => {
      // One email per test: resets and resends are rate limited per email.
      email = `buyer-${++people}@client.example`
      store = storeClient(api, await createPublishableKeyHeader(getContainer()))
      ;({ headers: adminHeaders } = await createAdminAndSignIn(
        getContainer(),
        api
      ))
    })

    /**
     * A stranger registers the email with Medusa's own route and signs in:
     * the token acts for nobody yet, and a refresh would make it act for
     * whatever customer the login is linked to later.
     */
    const strangerRegisters = async (actor: "customer" | "user") => {
      const registered = await store.post(`/auth/${actor}/emailpass/register`, {
        email,
        password: STRANGER_PASSWORD,
      })
      expect(registered.status).toBe(200)
      const signedIn = await store.post("/auth/customer/emailpass", {
        email,
        password: STRANGER_PASSWORD,
      })
      expect(signedIn.status).toBe(200)
      return signedIn.data.token as string
    }

    const importCustomer = async (data: Record<string, unknown> = {}) => {
      const response = await admin.post("/admin/customers", {
        email,
        first_name: "Bea",
        ...data,
      })
      expect(response.status).toBe(200)
      return response.data.customer.id as string
    }

    const identityOfEmail = async () => {
      const auth = getContainer().resolve(Modules.AUTH)
      const [providerIdentity] = await auth.listProviderIdentities({
        provider: "emailpass",
        entity_id: email,
      })
      return {
        providerIdentity,
        identity: await auth.retrieveAuthIdentity(
          providerIdentity.auth_identity_id!
        ),
      }
    }

    /**
     * The stranger's password opens nothing, answered as a wrong password on
     * both sign-in routes, and the token they held is no longer a session
     * of the login.
     */
    const expectStrangerShutOut = async (earlierToken: string | null) => {
      const plugin = await store.post("/store/credentials/login", {
        identifier: email,
        password: STRANGER_PASSWORD,
      })
      expect(plugin.status).toBe(401)
      expect(plugin.data).toEqual(WRONG_PASSWORD)
      const core = await store.post("/auth/customer/emailpass", {
        email,
        password: STRANGER_PASSWORD,
      })
      expect(core.status).toBe(401)
      expect(core.data).toEqual(WRONG_PASSWORD)

      if (earlierToken) {
        // Refresh would turn the registration token into the customer's.
        const refreshed = await store.post(
          "/auth/token/refresh",
          {},
          earlierToken
        )
        expect(refreshed.status).toBe(401)
        const me = await store.get("/store/customers/me", earlierToken)
        expect(me.status).toBe(401)
        expect(me.data.code).toBe("session_ended")
      }
    }

    const expectOwnerSignsInAs = async (
      password: string,
      customerId: string
    ) => {
      const signedIn = await store.post("/store/credentials/login", {
        identifier: email,
        password,
      })
      expect(signedIn.status).toBe(200)
      const me = await store.get("/store/customers/me", signedIn.data.token)
      expect(me.status).toBe(200)
      expect(me.data.customer.id).toBe(customerId)
    }

    const activateWithEmailedLink = async () => {
      const sent = (await emailsTo(getContainer(), email)).filter(
        (e) => e.template === "customer-account-activation"
      )
      expect(sent).toHaveLength(1)
      const token = new URL(
        sent[0].data!.activation_url as string
      ).searchParams.get("token")!
      const activated = await store.post("/store/credentials/activate", {
        token,
        password: OWNER_PASSWORD,
      })
      expect(activated.status).toBe(200)
    }

    /** Generated credentials: a temporary password that signs in as the customer. */
    const expectOwnerSignsInWithEmailedPassword = async (
      customerId: string
    ) => {
      const sent = (await emailsTo(getContainer(), email)).filter(
        (e) => e.template === "customer-credentials-generated"
      )
      expect(sent).toHaveLength(1)
      const signedIn = await store.post("/store/credentials/login", {
        identifier: email,
        password: sent[0].data!.password as string,
      })
      expect(signedIn.status).toBe(200)
      expect(signedIn.data.must_change_password).toBe(true)
      expect(
        JSON.parse(
          Buffer.from(signedIn.data.token.split(".")[1], "base64url").toString()
        ).actor_id
      ).toBe(customerId)
    }

    /** "Forgot password", as the owner of the email would use it. */
    const resetWithEmailedLink = async (password: string) => {
      await afterSubscribers(getContainer(), "auth.password_reset", () =>
        store.post("/auth/customer/emailpass/reset-password", {
          identifier: email,
        })
      )
      const sent = (await emailsTo(getContainer(), email)).filter(
        (e) => e.template === "customer-password-reset"
      )
      const token = new URL(
        sent.pop()!.data!.reset_url as string
      ).searchParams.get("token")!
      const updated = await store.post(
        "/auth/customer/emailpass/update",
        { password },
        token
      )
      expect(updated.status).toBe(200)
    }

    describe("activation of an imported customer whose email a stranger registered", () => {
      it.each(["customer", "user"] as const)(
        "removes the password registered through /auth/%s/emailpass/register; the owner activates with the link",
        async (actor) => {
          const earlierToken = await strangerRegisters(actor)
          const customerId = await importCustomer()

          const sent = await admin.post(
            `/admin/customers/${customerId}/credentials/send-activation`,
            {}
          )
          expect(sent.status).toBe(202)

          await expectStrangerShutOut(earlierToken)
          const { identity, providerIdentity } = await identityOfEmail()
          expect(identity.app_metadata?.customer_id).toBe(customerId)
          expect(providerIdentity.provider_metadata).not.toHaveProperty(
            "password"
          )

          await activateWithEmailedLink()
          await expectOwnerSignsInAs(OWNER_PASSWORD, customerId)
        }
      )

      it("puts the login back as it was when the activation email cannot be sent", async () => {
        await strangerRegisters("customer")
        const before = await identityOfEmail()
        const customerId = await importCustomer()
        const notifications = getContainer().resolve(Modules.NOTIFICATION)
        const outage = jest
          .spyOn(notifications, "createNotifications")
          .mockRejectedValue(new Error("SMTP unreachable"))
        try {
          const sent = await admin.post(
            `/admin/customers/${customerId}/credentials/send-activation`,
            {}
          )
          expect(sent.status).toBeGreaterThanOrEqual(400)
        } finally {
          outage.mockRestore()
        }

        // Unlinked again (a link kept with the password back would hand the
        // stranger the customer), password and sessions as they were.
        const after = await identityOfEmail()
        expect(after.identity.app_metadata?.customer_id).toBeUndefined()
        expect(after.identity.app_metadata ?? {}).toEqual(
          before.identity.app_metadata ?? {}
        )
        expect(after.providerIdentity.provider_metadata?.password).toBe(
          before.providerIdentity.provider_metadata?.password
        )
      })
    })

    describe("bulk onboarding and generated credentials", () => {
      it("bulk send_activation removes the stranger's password; the owner activates with the link", async () => {
        const earlierToken = await strangerRegisters("customer")
        const customerId = await importCustomer()

        const started = await admin.post("/admin/credentials/bulk", {
          action: "send_activation",
          customer_ids: [customerId],
        })
        expect(started.status).toBe(202)
        const job = await waitForJob(api, adminHeaders, started.data.job.id)
        expect(job).toMatchObject({ status: "completed", succeeded: 1 })

        await expectStrangerShutOut(earlierToken)
        await activateWithEmailedLink()
        await expectOwnerSignsInAs(OWNER_PASSWORD, customerId)
      })

      it("bulk generate_credentials replaces the stranger's password and ends their sessions", async () => {
        const earlierToken = await strangerRegisters("user")
        const customerId = await importCustomer()

        const started = await admin.post("/admin/credentials/bulk", {
          action: "generate_credentials",
          customer_ids: [customerId],
        })
        const job = await waitForJob(api, adminHeaders, started.data.job.id)
        expect(job).toMatchObject({ status: "completed", succeeded: 1 })

        await expectStrangerShutOut(earlierToken)
        await expectOwnerSignsInWithEmailedPassword(customerId)
      })

      it("generate replaces the stranger's password and ends their sessions", async () => {
        const earlierToken = await strangerRegisters("customer")
        const customerId = await importCustomer()

        const generated = await admin.post(
          `/admin/customers/${customerId}/credentials/generate`,
          {}
        )
        expect(generated.status).toBe(200)

        await expectStrangerShutOut(earlierToken)
        await expectOwnerSignsInWithEmailedPassword(customerId)
      })
    })

    describe("B2B reference to an email that already has a login", () => {
      const createCompany = async (name = "Acme Corp") =>
        (
          await getContainer()
            .resolve(Modules.CUSTOMER)
            .createCustomers({
              email: `orders-${people}@${name.split(" ")[0].toLowerCase()}.example`,
              company_name: name,
            })
        ).id

      it("removes the password of a login that acted for nobody and tells the admin", async () => {
        const earlierToken = await strangerRegisters("customer")
        const acme = await createCompany()

        const added = await admin.post(`/admin/customers/${acme}/references`, {
          email,
        })

        expect(added.status).toBe(201)
        await expectStrangerShutOut(earlierToken)
        expect(added.data).toEqual({
          reference: expect.objectContaining({ email, customer_id: acme }),
          has_password: false,
          message: expect.stringMatching(/Forgot password/),
        })

        await resetWithEmailedLink(OWNER_PASSWORD)
        await expectOwnerSignsInAs(OWNER_PASSWORD, acme)

        // The reset link proved the email: a second company keeps it.
        const globex = await createCompany("Globex")
        const again = await admin.post(
          `/admin/customers/${globex}/references`,
          { email }
        )
        expect(again.data.has_password).toBe(true)
        const signedIn = await store.post("/store/credentials/login", {
          identifier: email,
          password: OWNER_PASSWORD,
        })
        expect(signedIn.status).toBe(200)
        expect(signedIn.data.account_selection_required).toBe(true)
      })

      it("keeps a password the store generated, though the email was never confirmed", async () => {
        const customerId = await importCustomer()
        await admin.post(
          `/admin/customers/${customerId}/credentials/generate`,
          {}
        )
        const acme = await createCompany()

        const added = await admin.post(`/admin/customers/${acme}/references`, {
          email,
        })

        expect(added.status).toBe(201)
        expect(added.data.has_password).toBe(true)
        const [sent] = (await emailsTo(getContainer(), email)).filter(
          (e) => e.template === "customer-credentials-generated"
        )
        const signedIn = await store.post("/store/credentials/login", {
          identifier: email,
          password: sent.data!.password as string,
        })
        expect(signedIn.status).toBe(200)
        expect(signedIn.data.accounts).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ customer_id: acme }),
          ])
        )
      })

      it("keeps a password the store generated in bulk, for a login that was there and a new one", async () => {
        // This test's email has a login already (a stranger's); the other
        // email has none: the bulk run replaces one password and makes a
        // login for the other, and marks both as set by the store.
        const earlierToken = await strangerRegisters("user")
        const withLogin = await importCustomer()
        const otherEmail = `second-${people}@client.example`
        const other = await admin.post("/admin/customers", {
          email: otherEmail,
          first_name: "Sam",
        })
        expect(other.status).toBe(200)
        const started = await admin.post("/admin/credentials/bulk", {
          action: "generate_credentials",
          customer_ids: [withLogin, other.data.customer.id],
        })
        const job = await waitForJob(api, adminHeaders, started.data.job.id)
        expect(job).toMatchObject({ status: "completed", succeeded: 2 })
        await expectStrangerShutOut(earlierToken)

        for (const [owner, company] of [
          [email, "Acme Corp"],
          [otherEmail, "Globex Corp"],
        ]) {
          const acme = await createCompany(company)
          const added = await admin.post(
            `/admin/customers/${acme}/references`,
            { email: owner }
          )
          expect(added.status).toBe(201)
          expect(added.data.has_password).toBe(true)
          const [sent] = (await emailsTo(getContainer(), owner)).filter(
            (e) => e.template === "customer-credentials-generated"
          )
          const signedIn = await store.post("/store/credentials/login", {
            identifier: owner,
            password: sent.data!.password as string,
          })
          expect(signedIn.status).toBe(200)
          expect(signedIn.data.accounts).toEqual(
            expect.arrayContaining([
              expect.objectContaining({ customer_id: acme }),
            ])
          )
        }
      })

      it("removes the password of a self-registered login whose email was never confirmed", async () => {
        await admin.post("/admin/credential-settings", {
          require_email_confirmation: false,
        })
        const registered = await store.post("/store/credentials/register", {
          email,
          password: STRANGER_PASSWORD,
          first_name: "Stan",
          last_name: "Ranger",
        })
        expect(registered.status).toBe(201)
        const earlier = await store.post("/store/credentials/login", {
          identifier: email,
          password: STRANGER_PASSWORD,
        })
        expect(earlier.status).toBe(200)
        const acme = await createCompany()

        const added = await admin.post(`/admin/customers/${acme}/references`, {
          email,
        })

        expect(added.status).toBe(201)
        await expectStrangerShutOut(earlier.data.token)
        expect(added.data.has_password).toBe(false)
      })

      it("keeps the password of a customer login whose email was confirmed", async () => {
        const registered = await afterSubscribers(
          getContainer(),
          "auth.verification_requested",
          () =>
            store.post("/store/credentials/register", {
              email,
              password: OWNER_PASSWORD,
              first_name: "Bea",
              last_name: "Buyer",
            })
        )
        expect(registered.status).toBe(201)
        const [confirmation] = await emailsTo(getContainer(), email)
        const token = activationTokenFrom(confirmation.data!.text as string)
        expect(
          (await store.post("/store/credentials/activate", { token })).status
        ).toBe(200)
        const acme = await createCompany()

        const added = await admin.post(`/admin/customers/${acme}/references`, {
          email,
        })

        expect(added.status).toBe(201)
        expect(added.data).toEqual({
          reference: expect.objectContaining({ email }),
          has_password: true,
        })
        const signedIn = await store.post("/store/credentials/login", {
          identifier: email,
          password: OWNER_PASSWORD,
        })
        expect(signedIn.status).toBe(200)
        expect(signedIn.data.accounts).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ customer_id: acme }),
          ])
        )
      })
    })

    describe("single sign-on", () => {
      beforeEach(async () => {
        await admin.post("/admin/credential-settings", { sso_enabled: true })
      })

      const signInWithSso = async (user: OidcTestUser) => {
        const started = await store.post("/auth/customer/oidc", {})
        expect(started.status).toBe(200)
        const params = await oidcProvider().authorize(
          started.data.location,
          user
        )
        const core = await api
          .get(`/auth/customer/oidc/callback?${params}`, {
            headers: { cookie: ssoBindingCookie(started) },
          })
          .catch(failure)
        expect(core.status).toBe(200)
        return store.post(
          "/store/credentials/sso/complete",
          {},
          core.data.token
        )
      }

      it("does not let a verified SSO sign-in confirm a stranger's pending registration", async () => {
        const registered = await store.post("/store/credentials/register", {
          email,
          password: STRANGER_PASSWORD,
          first_name: "Stan",
          last_name: "Ranger",
        })
        expect(registered.status).toBe(201)

        const sso = await signInWithSso({
          sub: `idp-owner-${people}`,
          email,
          email_verified: true,
          given_name: "Bea",
        })

        expect(sso.status).toBe(200)
        const customerId = await customerIdOfEmail()
        expect(sso.data).toMatchObject({
          customer_id: customerId,
          linked: true,
        })
        // The email is confirmed now, by the identity provider; the password
        // the registration chose was never proven and is gone.
        await expectStrangerShutOut(null)
        const me = await store.get("/store/customers/me", sso.data.token)
        expect(me.status).toBe(200)
        expect(me.data.customer.id).toBe(customerId)
      })

      it("ends the sessions of an unconfirmed password login it links (store without email confirmation)", async () => {
        await admin.post("/admin/credential-settings", {
          require_email_confirmation: false,
        })
        const registered = await store.post("/store/credentials/register", {
          email,
          password: STRANGER_PASSWORD,
          first_name: "Stan",
          last_name: "Ranger",
        })
        expect(registered.status).toBe(201)
        const earlier = await store.post("/store/credentials/login", {
          identifier: email,
          password: STRANGER_PASSWORD,
        })
        expect(earlier.status).toBe(200)

        const sso = await signInWithSso({
          sub: `idp-owner-${people}`,
          email,
          email_verified: true,
        })

        expect(sso.status).toBe(200)
        expect(sso.data.customer_id).toBe(await customerIdOfEmail())
        await expectStrangerShutOut(earlier.data.token)
      })

      it("reads the domain after the last @ for the allowed email domains", async () => {
        await admin.post("/admin/credential-settings", {
          sso_allowed_email_domains: ["ok.example"],
        })

        const outsider = await signInWithSso({
          sub: `idp-outsider-${people}`,
          email: "a@ok.example@evil.example",
          email_verified: true,
        })
        expect(outsider.status).toBe(403)
        expect(outsider.data.code).toBe("email_domain_not_allowed")
        expect(outsider.data.message).toMatch(/evil\.example/)

        const insider = await signInWithSso({
          sub: `idp-insider-${people}`,
          email: "Dana@OK.Example",
          email_verified: true,
        })
        expect(insider.status).toBe(200)
      })
    })
  },
})
