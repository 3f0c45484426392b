import Medusa from "@medusajs/js-sdk"
import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createRegisteredCustomer } from "./utils/customers"
import { afterSubscribers, emailsTo } from "./utils/notifications"
import { createPublishableKeyHeader } from "./utils/store"
import { activationTokenFrom, STORE_PASSWORD } from "./utils/store-session"

jest.setTimeout(180 * 1000)

/**
 * A storefront built on `@medusajs/js-sdk` keeps working through the gates:
 * the SDK's own calls, as a storefront makes them, against the server with
 * the plugin; only what a gate forbids is refused.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let sdk: Medusa

    beforeEach(async () => {
      const publishable = await createPublishableKeyHeader(getContainer())
      sdk = new Medusa({
        baseUrl: api.defaults.baseURL as string,
        publishableKey: publishable["x-publishable-api-key"],
        auth: { type: "jwt", jwtTokenStorageMethod: "memory" },
      })
    })

    /** The SDK throws a FetchError with the status and the server's message. */
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => null,
        (error: { status?: number; message?: string }) => ({
          status: error.status,
          message: error.message,
        })
      )

    it("registers with sdk.auth.register and sdk.store.customer.create, confirms, signs in, refreshes", async () => {
      await sdk.auth.register("customer", "emailpass", {
        email: "sdk@example.com",
        password: STORE_PASSWORD,
      })
      const { customer } = await afterSubscribers(
        getContainer(),
        "auth.verification_requested",
        () =>
          sdk.store.customer.create({
            email: "sdk@example.com",
            first_name: "Sid",
            last_name: "Kay",
          })
      )
      expect(customer).toMatchObject({ email: "sdk@example.com" })

      // Before the link: the gate refuses, through the SDK as anywhere.
      expect(
        await refusal(
          sdk.auth.login("customer", "emailpass", {
            email: "sdk@example.com",
            password: STORE_PASSWORD,
          })
        )
      ).toMatchObject({
        status: 401,
        message: expect.stringMatching(/Confirm/),
      })

      const [email] = await emailsTo(getContainer(), "sdk@example.com")
      await sdk.client.fetch("/store/credentials/activate", {
        method: "POST",
        body: { token: activationTokenFrom(email.data!.text as string) },
      })

      const token = await sdk.auth.login("customer", "emailpass", {
        email: "sdk@example.com",
        password: STORE_PASSWORD,
      })
      expect(typeof token).toBe("string")
      // The create's answer names no customer (nor when it was made): the
      // one signed in is the one it made.
      const [made] = await getContainer()
        .resolve(Modules.CUSTOMER)
        .listCustomers({ email: "sdk@example.com" })
      const me = await sdk.store.customer.retrieve()
      expect(me.customer.id).toBe(made.id)
      expect(customer).not.toHaveProperty("id")

      const refreshed = await sdk.auth.refresh()
      expect(refreshed.token).toEqual(expect.any(String))
      expect((await sdk.store.customer.retrieve()).customer.id).toBe(made.id)
    })

    it("resets a password with sdk.auth.resetPassword and sdk.auth.updateProvider, under the policy", async () => {
      await createRegisteredCustomer(getContainer(), {
        email: "reset@example.com",
        password: STORE_PASSWORD,
      })
      const before = await sdk.auth.login("customer", "emailpass", {
        email: "reset@example.com",
        password: STORE_PASSWORD,
      })

      await afterSubscribers(getContainer(), "auth.password_reset", () =>
        sdk.auth.resetPassword("customer", "emailpass", {
          identifier: "reset@example.com",
        })
      )
      const resetEmail = (
        await emailsTo(getContainer(), "reset@example.com")
      ).pop()!
      const resetToken = new URL(
        resetEmail.data!.reset_url as string
      ).searchParams.get("token")!

      expect(
        await refusal(
          sdk.auth.updateProvider(
            "customer",
            "emailpass",
            { password: "weak" },
            resetToken
          )
        )
      ).toMatchObject({ status: 400 })
      await sdk.auth.updateProvider(
        "customer",
        "emailpass",
        { password: "Chosen-Passw0rd!" },
        resetToken
      )

      // The reset ended the session the old password opened.
      sdk.client.setToken(before as string)
      expect(await refusal(sdk.store.customer.retrieve())).toMatchObject({
        status: 401,
      })
      await sdk.auth.login("customer", "emailpass", {
        email: "reset@example.com",
        password: "Chosen-Passw0rd!",
      })
      expect((await sdk.store.customer.retrieve()).customer.email).toBe(
        "reset@example.com"
      )
    })

    it("lists the providers a customer may use (sdk.auth.listProviders)", async () => {
      const providers = await sdk.client.fetch<{ providers: unknown[] }>(
        "/auth/customer/providers"
      )
      expect(providers.providers).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: "emailpass" })])
      )
    })
  },
})
