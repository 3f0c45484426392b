/**
 * Single sign-on in a real browser, with no storefront but a tiny one of two
 * pages (utils/sso-storefront.ts) driving the store API as docs/sso.md
 * says, and the test OpenID Connect issuer that e2e/run.sh starts on
 * loopback (a real `oidc-provider`, with HTML login and consent pages):
 * the shopper clicks the store's SSO button, signs in on the issuer's login
 * page, agrees on its consent page, and lands signed in on the storefront.
 * The callback is taken only in the browser that started the sign-in (the
 * signed HttpOnly cookie of src/api/gates/sso-browser-binding.ts), once.
 *
 * The steps run in order and build on each other. The store's settings and
 * customers are as before afterwards (the other specs count customers).
 */
import assert from "node:assert/strict"
import type {
  Browser,
  BrowserContext,
  Page,
  Response,
  Route,
} from "playwright-core"
import { adminApi } from "./utils/api"
import { launchBrowser, screenshotPath, watchConsole } from "./utils/browser"
import { startSsoStorefront, type SsoStorefront } from "./utils/sso-storefront"
import { textOf, visible } from "./utils/wait"

jest.setTimeout(120_000)

const ISSUER = process.env.OIDC_ISSUER ?? ""
const STOREFRONT_URL = process.env.E2E_STOREFRONT_URL ?? ""
const BACKEND_URL = process.env.E2E_BASE_URL ?? "http://localhost:9000"

const SHOPPER = {
  email: "sso-shopper@example.com",
  given_name: "Sunny",
  family_name: "Ocampo",
}

let browser: Browser
let api: Awaited<ReturnType<typeof adminApi>>
let storefront: SsoStorefront
let ssoWasEnabled: boolean | null
let buttonLabel: string

/** The browser that starts the sign-in, and its page. */
let shopper: BrowserContext
let page: Page
let consoleProblems: ReturnType<typeof watchConsole>

/**
 * The storefront callback page's call of the store's callback route in the
 * shopper's browser, held back while another browser tries the same URL.
 */
let heldCallback: Promise<Route>
let callbackUrl: string

const result = (on: Page) => on.getByTestId("result")

/** The storefront's call of the store's callback route, as the page made it. */
const callbackResponse = (on: Page): Promise<Response> =>
  on.waitForResponse(
    (response) =>
      response.url().startsWith(`${BACKEND_URL}/auth/customer/oidc/callback`) &&
      response.request().method() === "GET"
  )

/** Opens the callback URL and answers the store's refusal of it. */
const refusedCallback = async (on: Page) => {
  const answered = callbackResponse(on)
  await on.goto(callbackUrl)
  const response = await answered
  await textOf(result(on), /^401 sso_state_mismatch: /)
  return { status: response.status(), body: await response.json() }
}

beforeAll(async () => {
  assert.ok(
    ISSUER && STOREFRONT_URL,
    "OIDC_ISSUER and E2E_STOREFRONT_URL are unset: run the browser tests with `npm run test:e2e` (e2e/run.sh starts the test issuer)"
  )
  api = await adminApi()
  const settings = await api.settings()
  ssoWasEnabled = settings.sso_enabled
  await api.updateSettings({ sso_enabled: true })
  buttonLabel = (await api.settings()).sso_button_label
  storefront = await startSsoStorefront(
    STOREFRONT_URL,
    BACKEND_URL,
    await api.publishableKey()
  )
  browser = await launchBrowser()
  shopper = await browser.newContext({ viewport: { width: 1000, height: 800 } })
  page = await shopper.newPage()
  page.setDefaultTimeout(30_000)
  consoleProblems = watchConsole(page)
})

afterAll(async () => {
  await browser?.close()
  await storefront?.stop()
  if (api) {
    const { customers } = await api.get(
      `/admin/customers?q=${encodeURIComponent(SHOPPER.email)}&fields=id,email`
    )
    for (const customer of customers) {
      expect((await api.delete(`/admin/customers/${customer.id}`)).status).toBe(
        200
      )
    }
    await api.updateSettings({ sso_enabled: ssoWasEnabled })
  }
})

it("shows the store's single sign-on button on the storefront", async () => {
  await page.goto(`${STOREFRONT_URL}/`)
  await visible(page.getByRole("button", { name: buttonLabel, exact: true }))
  expect(consoleProblems.take()).toEqual([])
})

it("sends the shopper to the issuer's login page, then its consent page", async () => {
  heldCallback = new Promise((resolve) => {
    void page.route(
      (url) =>
        url.origin === BACKEND_URL &&
        url.pathname === "/auth/customer/oidc/callback",
      (route) => resolve(route)
    )
  })

  await page.getByRole("button", { name: buttonLabel, exact: true }).click()
  await page.waitForURL((url) => url.toString().startsWith(`${ISSUER}/`))
  await visible(page.getByRole("heading", { name: "Sign in" }))
  await page.getByLabel("Email", { exact: true }).fill(SHOPPER.email)
  await page.getByLabel("First name").fill(SHOPPER.given_name)
  await page.getByLabel("Last name").fill(SHOPPER.family_name)
  await page.getByRole("button", { name: "Sign in" }).click()

  await visible(page.getByRole("heading", { name: "Allow access" }))
  expect(page.url().startsWith(`${ISSUER}/interaction/`)).toBe(true)
  const asked = await page.getByRole("listitem").allTextContents()
  expect(asked).toEqual(expect.arrayContaining(["openid", "email"]))
  await page.screenshot({ path: screenshotPath("sso-issuer-consent.png") })
  await page.getByRole("button", { name: "Allow" }).click()

  // The issuer sends the browser back to the storefront's callback page
  // with a code and the sign-in's state; the page's call of the store is
  // held here for the next step.
  await heldCallback
  callbackUrl = page.url()
  expect(callbackUrl.startsWith(`${STOREFRONT_URL}/account/sso?`)).toBe(true)
  const query = new URL(callbackUrl).searchParams
  expect(query.get("code")).toBeTruthy()
  expect(query.get("state")).toBeTruthy()
  expect(consoleProblems.take()).toEqual([])
})

it("refuses the callback in another browser, which has no cookie: 401 sso_state_mismatch", async () => {
  const other = await browser.newContext()
  try {
    const otherPage = await other.newPage()
    const refused = await refusedCallback(otherPage)
    expect(refused.status).toBe(401)
    expect(refused.body).toMatchObject({ code: "sso_state_mismatch" })
    await otherPage.screenshot({
      path: screenshotPath("sso-callback-other-browser.png"),
    })
  } finally {
    await other.close()
  }
})

it("lands signed in, in the browser that started: the customer's email on the storefront", async () => {
  const answered = callbackResponse(page)
  await (await heldCallback).continue()
  expect((await answered).status()).toBe(200)

  await textOf(result(page), `Signed in as ${SHOPPER.email}`)
  expect(await result(page).getAttribute("data-state")).toBe("signed-in")
  await page.screenshot({ path: screenshotPath("sso-signed-in.png") })
  expect(consoleProblems.take()).toEqual([])

  // The store made a registered customer from the issuer's claims.
  const { customers } = await api.get(
    `/admin/customers?q=${encodeURIComponent(SHOPPER.email)}` +
      "&fields=id,email,first_name,last_name,has_account"
  )
  expect(customers).toEqual([
    expect.objectContaining({
      email: SHOPPER.email,
      first_name: SHOPPER.given_name,
      last_name: SHOPPER.family_name,
      has_account: true,
    }),
  ])
})

it("refuses a second use of the callback in the same browser", async () => {
  await page.unrouteAll()
  const refused = await refusedCallback(page)
  expect(refused.status).toBe(401)
  expect(refused.body).toMatchObject({ code: "sso_state_mismatch" })
  // The browser logs the refused fetch; nothing else.
  expect(consoleProblems.take([/Failed to load resource: .*401/])).toEqual([])
})
