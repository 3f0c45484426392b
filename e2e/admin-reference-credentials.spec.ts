/**
 * Issue 14 #1 and #7 in a real browser: on a company's page, a person added
 * without a password is offered Send activation / Generate and send in the
 * same drawer; the row's menu gives the customer page's credential actions;
 * each is clicked through to the email it sends and to the audit trail's
 * words. Independent of the other specs: its own company and people.
 */
import type { Browser, Page } from "playwright-core"
import { adminApi, BASE_URL, eventually } from "./utils/api"
import {
  launchBrowser,
  screenshotPath,
  signInToAdmin,
  watchConsole,
} from "./utils/browser"
import { attributeOf, textOf, visible, waitFor } from "./utils/wait"

jest.setTimeout(300_000)

const ACTIVATED = "ref-activate@acme-e2e.example"
const GENERATED = "ref-generate@acme-e2e.example"

let browser: Browser
let page: Page
let consoleProblems: ReturnType<typeof watchConsole>
let api: Awaited<ReturnType<typeof adminApi>>
let companyId: string

const expectCleanConsole = (allowed: RegExp[] = []) =>
  expect(consoleProblems.take(allowed)).toEqual([])

const references = () => page.getByTestId("customer-references")
const referenceDrawer = () => page.getByTestId("reference-drawer")
const referenceRow = (email: string) =>
  references().locator(
    `[data-testid=customer-reference][data-email="${email}"]`
  )
const events = () => page.getByTestId("credential-events")
const menuItem = (name: RegExp) => page.getByRole("menuitem", { name })
const toast = (text: string) => visible(page.getByText(text, { exact: true }))

const confirmPrompt = async (expected: RegExp, confirm: string) => {
  const dialog = page.getByRole("alertdialog")
  await textOf(dialog, expected)
  await dialog.getByRole("button", { name: confirm }).click()
  await dialog.waitFor({ state: "hidden" })
}

/** The emails a person got (newest first), once there are `count`. */
const emailsOf = (to: string, count: number) =>
  eventually(async () => {
    const sent = await api.emailsTo(to)
    expect(sent).toHaveLength(count)
    return sent
  })

const saved = async (email: string) =>
  (
    (await api.get(`/admin/customers/${companyId}/references`))
      .references as Array<Record<string, any>>
  ).find((reference) => reference.email === email)!

/** The newest row of the audit trail reads `label`, for `action`, naming the person. */
const newestEvent = async (label: string, action: string, email: string) => {
  const newest = events().locator("li").first()
  await attributeOf(newest, "data-action", action)
  await waitFor(async () =>
    expect(
      (
        (await newest.getByTestId("credential-event-label").textContent()) ?? ""
      ).trim()
    ).toBe(label)
  )
  await textOf(newest.getByTestId("credential-event-detail"), email)
}

const addPerson = async (email: string, name: string) => {
  await references().getByRole("button", { name: "Add login" }).click()
  const drawer = referenceDrawer()
  await drawer.getByRole("textbox", { name: "Email" }).fill(email)
  await drawer.getByRole("textbox", { name: "Display name" }).fill(name)
  await drawer.getByRole("button", { name: "Save" }).click()
  await toast(`${email} can now act for this account`)
  // Nothing silent: the same drawer asks how the person gets a password.
  const next = drawer.getByTestId("reference-next-step")
  await textOf(next, `${email} has no password yet`)
  return drawer
}

beforeAll(async () => {
  api = await adminApi()
  // The row's menu is checked with Allow Manual Entry off, whatever an
  // earlier spec on the same store left it at.
  await api.updateSettings({ allow_manual_entry: false })
  const created = await api.post("/admin/customers", {
    email: "purchasing@acme-e2e.example",
    company_name: "Acme E2E",
  })
  expect(created.status).toBe(200)
  companyId = created.data.customer.id
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
  page.setDefaultTimeout(30_000)
  consoleProblems = watchConsole(page)
  await signInToAdmin(page)
})

afterAll(async () => {
  await browser?.close()
})

it("adds a person and sends the activation email from the same drawer", async () => {
  await page.goto(`${BASE_URL}/app/customers/${companyId}`)
  await visible(
    references().getByRole("heading", { name: "Logins for this account" })
  )

  const drawer = await addPerson(ACTIVATED, "Ada at Acme")
  await drawer.getByRole("button", { name: "Send activation" }).click()
  await toast(`Activation email sent to ${ACTIVATED}`)
  await drawer.waitFor({ state: "hidden" })

  const [sent] = await emailsOf(ACTIVATED, 1)
  expect(sent).toMatchObject({
    template: "customer-account-activation",
    data: expect.objectContaining({
      subject: "Activate your account",
      // The company's number signs in as the company: never the person's.
      customer_number: null,
    }),
  })
  expect(sent.data.text).toContain("Hello Ada at Acme,")

  await textOf(referenceRow(ACTIVATED), "No password yet")
  await textOf(referenceRow(ACTIVATED), "Never signed in")
  expect(await saved(ACTIVATED)).toMatchObject({ has_password: false })
  await newestEvent(
    "Activation email sent to a login of this account",
    "reference_activation_sent",
    ACTIVATED
  )
  expectCleanConsole()
})

it("adds a person and generates their credentials from the same drawer", async () => {
  const drawer = await addPerson(GENERATED, "Gus at Acme")
  await drawer.getByRole("button", { name: "Generate and send" }).click()
  await toast(`Credentials sent to ${GENERATED}`)
  await drawer.waitFor({ state: "hidden" })

  const [sent] = await emailsOf(GENERATED, 1)
  expect(sent).toMatchObject({
    template: "customer-credentials-generated",
    data: expect.objectContaining({ subject: "Your login details" }),
  })
  await textOf(referenceRow(GENERATED), "Has password")
  expect(await saved(GENERATED)).toMatchObject({ has_password: true })
  await newestEvent(
    "Credentials generated and sent to a login of this account",
    "reference_credentials_generated",
    GENERATED
  )
  expectCleanConsole()
})

it("the row's menu: Create login, Send activation and Send reset link, each confirmed and emailed", async () => {
  const openRowMenu = async (email: string) => {
    await referenceRow(email).getByRole("button", { name: email }).click()
    await visible(page.getByRole("menu"))
  }

  // Enter password is offered only while Allow Manual Entry is on.
  await openRowMenu(ACTIVATED)
  expect(await menuItem(/^Enter password$/).count()).toBe(0)
  await menuItem(/^Create login$/).click()
  await confirmPrompt(
    /ref-activate@acme-e2e\.example gets an email with a temporary password/,
    "Create and send"
  )
  await toast(`Credentials sent to ${ACTIVATED}`)
  const afterCreate = await emailsOf(ACTIVATED, 2)
  expect(afterCreate[0].template).toBe("customer-credentials-generated")
  await textOf(referenceRow(ACTIVATED), "Has password")

  await openRowMenu(ACTIVATED)
  await menuItem(/^Send activation$/).click()
  await confirmPrompt(
    /ref-activate@acme-e2e\.example gets a link to choose their password/,
    "Send activation"
  )
  await toast(`Activation email sent to ${ACTIVATED}`)
  const afterActivation = await emailsOf(ACTIVATED, 3)
  expect(afterActivation[0].template).toBe("customer-account-activation")

  await openRowMenu(GENERATED)
  await menuItem(/^Send reset link$/).click()
  await confirmPrompt(
    /ref-generate@acme-e2e\.example gets an email with a single-use link/,
    "Send reset link"
  )
  await toast(`Reset link sent to ${GENERATED}`)
  const afterReset = await emailsOf(GENERATED, 2)
  expect(afterReset[0].template).toBe("customer-password-reset")
  await newestEvent(
    "Reset link sent to a login of this account",
    "reference_password_reset_requested",
    GENERATED
  )
  expectCleanConsole()
})

it("Enter password with Allow Manual Entry on: confirmation, strength meter and policy, then the row says Has password", async () => {
  const before = await api.settings()
  await api.updateSettings({ allow_manual_entry: true })
  try {
    await page.reload()
    await referenceRow(ACTIVATED)
      .getByRole("button", { name: ACTIVATED })
      .click()
    await menuItem(/^Enter password$/).click()
    const drawer = page.getByRole("dialog", { name: "Enter new password" })
    await drawer
      .getByRole("textbox", { name: "New password", exact: true })
      .fill("abc")
    await textOf(drawer.getByTestId("password-strength-level"), /^Weak$/)
    await attributeOf(
      drawer
        .getByTestId("password-policy")
        .locator("li")
        .filter({ hasText: "Must be at least 8 characters long" }),
      "data-met",
      "false"
    )
    await drawer
      .getByRole("textbox", { name: "New password", exact: true })
      .fill("Typed-By-Admin-42!")
    await drawer
      .getByRole("textbox", { name: "Confirm password", exact: true })
      .fill("Typed-By-Admin-42?")
    await visible(drawer.getByTestId("confirm-error"))
    await drawer
      .getByRole("textbox", { name: "Confirm password", exact: true })
      .fill("Typed-By-Admin-42!")
    await waitFor(async () =>
      expect(
        await drawer
          .getByTestId("password-policy")
          .locator("li[data-met=false]")
          .count()
      ).toBe(0)
    )
    await drawer.getByRole("button", { name: "Save password" }).click()
    await drawer.waitFor({ state: "hidden" })
    await newestEvent(
      "Password entered for a login of this account",
      "reference_password_set",
      ACTIVATED
    )
    await page.mouse.move(0, 0)
    await references().screenshot({
      path: screenshotPath("reference-credentials.png"),
    })
  } finally {
    await api.updateSettings({
      allow_manual_entry: before.allow_manual_entry ?? null,
    })
  }
  expectCleanConsole()
})
