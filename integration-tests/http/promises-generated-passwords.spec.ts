import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminAndSignIn } from "./utils/admin"
import { failure } from "./utils/credentials"
import { createCustomer } from "./utils/customers"
import { emailsTo } from "./utils/notifications"
import { createPublishableKeyHeader } from "./utils/store"
import { storeClient } from "./utils/store-session"

jest.setTimeout(240 * 1000)

/**
 * "Generated passwords: 16 characters from the OS CSPRNG, every required
 * class, no look-alike characters." Checking one password's length lets a
 * constant password pass, and one password may hold every class by chance:
 * here many passwords are generated and each property is checked on all.
 */
const COUNT = 24
const ALPHABET =
  /^[abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!#%+\-=?@_]+$/

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>

    beforeEach(async () => {
      ;({ headers } = await createAdminAndSignIn(getContainer(), api))
    })

    const generateFor = async (email: string) => {
      const customer = await createCustomer(getContainer(), { email })
      const response = await api
        .post(
          `/admin/customers/${customer.id}/credentials/generate`,
          {},
          { headers }
        )
        .catch(failure)
      expect(response.status).toBe(200)
      const [sent] = await emailsTo(getContainer(), email)
      return sent.data.password as string
    }

    it(`${COUNT} generated passwords: all different, 16 characters, every class, no look-alikes`, async () => {
      const passwords: string[] = []
      for (let i = 0; i < COUNT; i++) {
        passwords.push(await generateFor(`gen-${i}@example.com`))
      }

      expect(new Set(passwords).size).toBe(COUNT)
      for (const password of passwords) {
        expect({ password, length: password.length }).toEqual({
          password,
          length: 16,
        })
        expect(password).toMatch(ALPHABET)
        expect(password).toMatch(/[a-z]/)
        expect(password).toMatch(/[A-Z]/)
        expect(password).toMatch(/[0-9]/)
        expect(password).toMatch(/[^A-Za-z0-9]/)
      }
      // No two share a long run: not one password shifted or padded.
      const prefixes = new Set(passwords.map((p) => p.slice(0, 6)))
      expect(prefixes.size).toBe(COUNT)

      // The emailed password is the one in force.
      const store = storeClient(
        api,
        await createPublishableKeyHeader(getContainer())
      )
      const signedIn = await store.post("/store/credentials/login", {
        identifier: "gen-0@example.com",
        password: passwords[0],
      })
      expect(signedIn.status).toBe(200)
    })

    it("is as long as the store's minimum when that is above 16", async () => {
      const saved = await api
        .post(
          "/admin/credential-settings",
          { password_policy: { min_length: 24 } },
          { headers }
        )
        .catch(failure)
      expect(saved.status).toBe(200)

      const password = await generateFor("long@example.com")
      expect(password).toHaveLength(24)
    })
  },
})
