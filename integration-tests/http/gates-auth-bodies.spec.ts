import { medusaIntegrationTestRunner } from "@medusajs/test-utils"

jest.setTimeout(180 * 1000)

/** Core's `/auth` routes that read a body, with a valid body for each. */
const ROUTES: [string, Record<string, unknown>][] = [
  ...["customer", "user"].flatMap(
    (actor): [string, Record<string, unknown>][] => [
      [
        `/auth/${actor}/emailpass`,
        { email: "a@example.com", password: "Xx-Valid-1!x" },
      ],
      [
        `/auth/${actor}/emailpass/register`,
        { email: "a@example.com", password: "Xx-Valid-1!x" },
      ],
      [
        `/auth/${actor}/emailpass/reset-password`,
        { identifier: "a@example.com" },
      ],
      [`/auth/${actor}/emailpass/update`, { password: "Xx-Valid-1!x" }],
    ]
  ),
  [
    "/auth/verification/request",
    { entity_id: "a@example.com", entity_type: "email" },
  ],
  ["/auth/verification/confirm", { code: "123456" }],
]

/** Values PostgreSQL cannot store, or that core cannot read as a string. */
const HOSTILE: [string, unknown][] = [
  ["a NUL", "a\u0000b"],
  ["half a surrogate pair", "a\ud83db"],
  ["an object that cannot become a string", { toString: [] }],
  ["an array", ["a@example.com"]],
  ["a number", 12345],
]

/**
 * Every body sent under `/auth`, whatever route answers it (core's or the
 * plugin's), is read as text first: a hostile value in any field core reads
 * as a string is a 400 that names the field, never a 500 (a stranger's test
 * found 500s from NUL and from `{ "toString": [] }` on core's routes).
 * Generated: every route × every string field it reads × every value.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api }) => {
    it("answers 400 naming the field for every hostile value in every field of every route", async () => {
      const answers: string[] = []
      for (const [url, valid] of ROUTES) {
        for (const field of Object.keys(valid)) {
          for (const [what, value] of HOSTILE) {
            const response = await api
              .post(
                url,
                { ...valid, [field]: value },
                {
                  headers: { authorization: "Bearer not-a-token" },
                }
              )
              .catch(
                (error: {
                  response: { status: number; data: Record<string, unknown> }
                }) => error.response
              )
            const ok =
              response.status === 400 &&
              response.data.type === "invalid_data" &&
              String(response.data.message).includes(field)
            if (!ok) {
              answers.push(
                `${url} ${field} = ${what}: ${response.status} ${JSON.stringify(response.data).slice(0, 120)}`
              )
            }
          }
        }
      }
      expect(answers).toEqual([])
    })
  },
})
