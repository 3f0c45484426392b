import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminAndSignIn } from "./utils/admin"
import { credentialsService } from "./utils/credentials"
import { createCustomer, createRegisteredCustomer } from "./utils/customers"
import { afterSubscribers, emailsTo } from "./utils/notifications"
import { createPublishableKeyHeader } from "./utils/store"
import {
  hasToken,
  routeMatrix,
  type MatrixRequest as Request,
  type Person,
} from "./utils/route-matrix"
import { STORE_PASSWORD } from "./utils/store-session"

jest.setTimeout(600 * 1000)

/**
 * The route matrix: for every route under /auth and /store that signs a
 * customer in, registers one, sets a password, refreshes a token or makes a
 * customer, every method and every spelling Express would route (case,
 * percent-encoded letters, trailing and doubled slash) is sent while a gate
 * is closed. None may answer with a token, let a token through, or change a
 * login or a customer. The cases are generated from the lists below; a
 * control case per kind shows the same request goes through when the gate
 * is open, so a harness that saw nothing could not pass.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let publishable: Record<string, string>
    let adminHeaders: Record<string, string>
    let people = 0

    const { send, sendMatrix, expectAllRefused } = routeMatrix(
      api,
      getContainer,
      () => publishable
    )

    const admin = (path: string, body: unknown) =>
      api.post(path, body, { headers: adminHeaders })

    const newEmail = () => `matrix-${++people}@example.com`

    const registered = async (): Promise<Person & { customer_id: string }> => {
      const email = newEmail()
      const customer = await createRegisteredCustomer(getContainer(), {
        email,
        password: STORE_PASSWORD,
      })
      return { email, password: STORE_PASSWORD, customer_id: customer.id }
    }

    const signIn = async (person: Person) => {
      const response = await send("POST", {
        path: "/store/credentials/login",
        body: { identifier: person.email, password: person.password },
      })
      expect(response.status).toBe(200)
      return response.data.token as string
    }

    beforeEach(async () => {
      publishable = await createPublishableKeyHeader(getContainer())
      ;({ headers: adminHeaders } = await createAdminAndSignIn(
        getContainer(),
        api
      ))
      await admin("/admin/credential-settings", { allow_manual_entry: true })
    })

    /** Every route that signs in with an email and a password. */
    const signInRequests = (person: Person): Request[] => [
      {
        path: "/auth/customer/emailpass",
        body: { email: person.email, password: person.password },
      },
      {
        path: "/store/credentials/login",
        body: { identifier: person.email, password: person.password },
      },
      // The emailpass login is shared by every actor type.
      {
        path: "/auth/user/emailpass",
        body: { email: person.email, password: person.password },
      },
      {
        path: "/auth/vendor/emailpass",
        body: { email: person.email, password: person.password },
      },
    ]

    /** A closed sign-in gate, set up for a person who knows the password. */
    const SIGN_IN_GATES: Record<string, () => Promise<Person>> = {
      "login disabled": async () => {
        const person = await registered()
        await admin(`/admin/customers/${person.customer_id}/credentials`, {
          login_enabled: false,
        })
        return person
      },
      "email not confirmed": async () => {
        const email = newEmail()
        const registration = await send("POST", {
          path: "/store/credentials/register",
          body: {
            email,
            password: STORE_PASSWORD,
            first_name: "Una",
            last_name: "Confirmed",
          },
        })
        expect(registration.data.next_step).toBe("confirm_email")
        return { email, password: STORE_PASSWORD }
      },
      // An admin typed the password for a customer without a login and did
      // not vouch for the email: the login waits for its link.
      "email not confirmed, admin-made": async () => {
        const email = newEmail()
        const customer = await createCustomer(getContainer(), { email })
        const set = await admin(
          `/admin/customers/${customer.id}/credentials/password`,
          { password: STORE_PASSWORD, confirm_password: STORE_PASSWORD }
        )
        expect(set.data.credentials.email_confirmed).toBe(false)
        return { email, password: STORE_PASSWORD }
      },
      // A backoffice activation with the default setting: the login signs
      // in with its customer number only (its email answers as a wrong
      // password).
      "email sign-in off, customer number only": async () => {
        const email = newEmail()
        const customer = await createCustomer(getContainer(), { email })
        const sent = await admin(
          `/admin/customers/${customer.id}/credentials/send-activation`,
          {}
        )
        const [message] = await emailsTo(getContainer(), email)
        const activated = await send("POST", {
          path: "/store/credentials/activate",
          body: {
            token: new URL(
              message.data!.activation_url as string
            ).searchParams.get("token"),
            password: STORE_PASSWORD,
          },
        })
        expect(activated.status).toBe(200)
        // Control: the password is right, with the number.
        const byNumber = await send("POST", {
          path: "/store/credentials/login",
          body: {
            identifier: sent.data.credentials.customer_number,
            password: STORE_PASSWORD,
          },
        })
        expect(hasToken(byNumber.data)).toBe(true)
        return { email, password: STORE_PASSWORD }
      },
      locked: async () => {
        const person = await registered()
        for (let i = 0; i < 5; i++) {
          await send("POST", {
            path: "/store/credentials/login",
            body: { identifier: person.email, password: "Wrong-Passw0rd!" },
          })
        }
        return person
      },
      "temporary password expired": async () => {
        const person = await registered()
        await admin(
          `/admin/customers/${person.customer_id}/credentials/password`,
          {
            password: "Temp-Passw0rd!",
            confirm_password: "Temp-Passw0rd!",
            temporary: true,
          }
        )
        const service = credentialsService(getContainer())
        const [row] = await service.listCustomerCredentials({
          customer_id: person.customer_id,
        })
        await service.updateCustomerCredentials({
          id: row.id,
          temporary_password_expires_at: new Date(Date.now() - 1000),
        })
        return { email: person.email, password: "Temp-Passw0rd!" }
      },
    }

    describe("sign-in routes with a closed gate", () => {
      it("control: the canonical sign-in routes answer a token while the gates are open", async () => {
        const person = await registered()
        const [stock, plugin] = signInRequests(person)
        for (const request of [stock, plugin]) {
          const response = await send("POST", request)
          expect(response.status).toBe(200)
          expect(hasToken(response.data)).toBe(true)
        }
      })

      for (const [gate, setUp] of Object.entries(SIGN_IN_GATES)) {
        it(`never answers a token, on any route, method or spelling: ${gate}`, async () => {
          const person = await setUp()
          expectAllRefused(await sendMatrix(gate, signInRequests(person)))
        })
      }

      it("never lets another actor type sign in with a customer's password", async () => {
        const person = await registered()
        const [, , user, vendor] = signInRequests(person)
        expectAllRefused(await sendMatrix("other actor", [user, vendor]))
      })
    })

    describe("registration routes with a closed gate", () => {
      const registrationRequests = (
        email: string,
        password: string,
        stockToken?: string
      ): Request[] => [
        {
          path: "/auth/customer/emailpass/register",
          body: { email, password },
        },
        {
          path: "/store/credentials/register",
          body: { email, password, first_name: "Reg", last_name: "Istered" },
        },
        ...(stockToken
          ? [
              {
                path: "/store/customers",
                body: { email, first_name: "Reg", last_name: "Istered" },
                token: stockToken,
              },
            ]
          : []),
      ]

      const stockRegistration = async (email: string) => {
        const response = await send("POST", {
          path: "/auth/customer/emailpass/register",
          body: { email, password: STORE_PASSWORD },
        })
        expect(response.status).toBe(200)
        return response.data.token as string
      }

      it("control: registration through each route works while open", async () => {
        const token = await stockRegistration(newEmail())
        expect(token).toEqual(expect.any(String))
        const plugin = await send(
          "POST",
          registrationRequests(newEmail(), STORE_PASSWORD)[1]
        )
        expect(plugin.status).toBe(201)
      })

      it("registers nothing while the store offers no accounts", async () => {
        const email = newEmail()
        const token = await stockRegistration(email)
        await admin("/admin/credential-settings", {
          customer_accounts_enabled: false,
        })
        const outcomes = await sendMatrix(
          "accounts off",
          registrationRequests(email, STORE_PASSWORD, token).concat(
            registrationRequests(newEmail(), STORE_PASSWORD)
          )
        )
        expectAllRefused(outcomes)
      })

      it("registers nothing with a password the policy refuses", async () => {
        expectAllRefused(
          await sendMatrix(
            "weak password",
            registrationRequests(newEmail(), "weak")
          )
        )
      })

      it("makes no customer with an email other than the login's", async () => {
        const token = await stockRegistration(newEmail())
        expectAllRefused(
          await sendMatrix("someone else's email", [
            {
              path: "/store/customers",
              body: { email: "owner@example.com", first_name: "Not" },
              token,
            },
          ])
        )
      })
    })

    describe("password routes with a password the policy refuses", () => {
      it("sets no password through the reset link or the signed-in change", async () => {
        const person = await registered()
        await afterSubscribers(getContainer(), "auth.password_reset", () =>
          send("POST", {
            path: "/auth/customer/emailpass/reset-password",
            body: { identifier: person.email },
          })
        )
        const resetEmail = (await emailsTo(getContainer(), person.email)).pop()!
        const resetToken = new URL(
          resetEmail.data!.reset_url as string
        ).searchParams.get("token")!
        const token = await signIn(person)

        expectAllRefused(
          await sendMatrix("weak password", [
            {
              path: "/auth/customer/emailpass/update",
              body: { password: "weak" },
              token: resetToken,
            },
            {
              path: "/store/customers/me/password",
              body: { current_password: person.password, new_password: "weak" },
              token,
            },
          ])
        )
        // The link was not spent by any refused request.
        const reset = await send("POST", {
          path: "/auth/customer/emailpass/update",
          body: { password: "Chosen-Passw0rd!" },
          token: resetToken,
        })
        expect(reset.status).toBe(200)
      })
    })

    describe("tokens issued before the state that issued them ended", () => {
      /** What a token can be used for: the account, refresh, a cookie session. */
      const tokenRequests = (token: string): Request[] => [
        { path: "/store/customers/me", body: {}, token },
        { path: "/store/credentials/me", body: {}, token },
        { path: "/store/orders", body: {}, token },
        { path: "/auth/token/refresh", body: {}, token },
        { path: "/auth/session", body: {}, token },
      ]

      const ENDINGS: Record<
        string,
        (
          person: Person & { customer_id: string },
          token: string
        ) => Promise<unknown>
      > = {
        "password generated by an admin": (person) =>
          admin(
            `/admin/customers/${person.customer_id}/credentials/generate`,
            {}
          ),
        "password entered by an admin": (person) =>
          admin(`/admin/customers/${person.customer_id}/credentials/password`, {
            password: "Admin-Set-Passw0rd!",
            confirm_password: "Admin-Set-Passw0rd!",
          }),
        "password reset through the link": async (person) => {
          await afterSubscribers(getContainer(), "auth.password_reset", () =>
            send("POST", {
              path: "/auth/customer/emailpass/reset-password",
              body: { identifier: person.email },
            })
          )
          const email = (await emailsTo(getContainer(), person.email)).pop()!
          const resetToken = new URL(
            email.data!.reset_url as string
          ).searchParams.get("token")!
          const reset = await send("POST", {
            path: "/auth/customer/emailpass/update",
            body: { password: "Reset-Passw0rd!" },
            token: resetToken,
          })
          expect(reset.status).toBe(200)
        },
        "password changed on another device": async (person) => {
          const other = await signIn(person)
          const changed = await send("POST", {
            path: "/store/customers/me/password",
            body: {
              current_password: person.password,
              new_password: "Changed-Passw0rd!",
            },
            token: other,
          })
          expect(changed.status).toBe(200)
        },
        "login disabled": (person) =>
          admin(`/admin/customers/${person.customer_id}/credentials`, {
            login_enabled: false,
          }),
        "login disabled and enabled again": async (person) => {
          await admin(`/admin/customers/${person.customer_id}/credentials`, {
            login_enabled: false,
          })
          await admin(`/admin/customers/${person.customer_id}/credentials`, {
            login_enabled: true,
          })
        },
        "signed out everywhere by an admin": (person) =>
          admin(
            `/admin/customers/${person.customer_id}/credentials/sign-out-everywhere`,
            {}
          ),
        "signed out everywhere by the customer": async (person) => {
          const other = await signIn(person)
          const ended = await send("POST", {
            path: "/store/credentials/sign-out-everywhere",
            body: {},
            token: other,
          })
          expect(ended.status).toBe(200)
        },
      }

      it("control: a current token is accepted on each route", async () => {
        const person = await registered()
        const token = await signIn(person)
        for (const request of tokenRequests(token)) {
          const response = await send(
            request.path.startsWith("/auth") ? "POST" : "GET",
            request
          )
          expect({ path: request.path, status: response.status }).toEqual({
            path: request.path,
            status: 200,
          })
        }
      })

      for (const [ending, end] of Object.entries(ENDINGS)) {
        it(`refuses the old token everywhere: ${ending}`, async () => {
          const person = await registered()
          const token = await signIn(person)
          await end(person, token)
          expectAllRefused(await sendMatrix(ending, tokenRequests(token)))
        })
      }
    })
  },
})
