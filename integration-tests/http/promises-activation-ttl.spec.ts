import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminAndSignIn } from "./utils/admin"
import { credentialsService, failure } from "./utils/credentials"
import { createCustomer } from "./utils/customers"
import { emailsTo } from "./utils/notifications"
import { activationTokenFrom } from "./utils/store-session"

jest.setTimeout(180 * 1000)

/** Not the default (72): a link that ignored the option would live 72 hours. */
const TTL_HOURS = 5

const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"))

/**
 * An activation link lives the plugin option `activation_ttl_hours`, not
 * core's 15 minutes of a reset link and not a fixed value. The option is
 * set on the running module before any link is made, as a merchant's
 * medusa-config would.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>

    beforeAll(async () => {
      const options = await credentialsService(getContainer()).getOptions()
      options.activation_ttl_hours = TTL_HOURS
    })

    beforeEach(async () => {
      ;({ headers } = await createAdminAndSignIn(getContainer(), api))
    })

    it(`an admin's activation link expires after activation_ttl_hours (${TTL_HOURS})`, async () => {
      const customer = await createCustomer(getContainer(), {
        email: "tilda@example.com",
      })
      const sent = await api
        .post(
          `/admin/customers/${customer.id}/credentials/send-activation`,
          {},
          { headers }
        )
        .catch(failure)
      expect(sent.status).toBe(202)

      const [email] = await emailsTo(getContainer(), "tilda@example.com")
      const claims = claimsOf(activationTokenFrom(email.data.text))
      expect(claims.exp - claims.iat).toBe(TTL_HOURS * 3600)
    })
  },
})
