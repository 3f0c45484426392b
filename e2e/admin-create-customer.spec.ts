/**
 * Credentials while creating a customer, in a real browser against the
 * seeded dev store that e2e/run.sh starts:
 * - "Create customer with login" on the customers list: the drawer, the
 *   login choice, the new customer's page and the email it sent;
 * - the order page of a guest's order: "This guest has no login", Create
 *   login and Send activation email, and the emails they send.
 *
 * Everything it creates is deleted at the end, so the other specs see the
 * seed's customers whatever order the files run in.
 */
import assert from "node:assert/strict"
import type { Browser, Page } from "playwright-core"
import { adminApi, BASE_URL } from "./utils/api"
import {
  launchBrowser,
  screenshotPath,
  signInToAdmin,
  watchConsole,
} from "./utils/browser"
import { attributeOf, textOf, visible, waitFor } from "./utils/wait"

jest.setTimeout(300_000)

const NEW_CUSTOMER = "drawer-activation@example.com"
const WITH_PASSWORD = "drawer-password@example.com"
const PASSWORD = "Correct-Horse-Battery-9!"
const ORDER_GENERATE = "order-guest-generate@example.com"
const ORDER_ACTIVATION = "order-guest-activation@example.com"

let browser: Browser
let page: Page
let consoleProblems: ReturnType<typeof watchConsole>
let api: Awaited<ReturnType<typeof adminApi>>
const created: string[] = []

/**
 * Console errors that are not this feature's: core's order page nests a
 * <div> in a <p> (its cost breakdown), and the admin's fonts answer 403 when
 * node_modules is a symlink out of the tree (a git worktree).
 */
const NOT_OURS = [
  /validateDOMNesting[\s\S]*CostBreakdown/,
  /status of 403 \(Forbidden\) @ .*\/@fs\/.*\.ttf$/,
]

/** No console error or uncaught exception since the last check. */
const expectCleanConsole = (allowed: RegExp[] = []) =>
  expect(consoleProblems.take([...NOT_OURS, ...allowed])).toEqual([])
const toast = (text: string) => visible(page.getByText(text, { exact: true }))

/** The templates of the emails sent to someone, once there are `count`. */
const templatesTo = (to: string, count = 1) =>
  waitFor(async () => {
    const templates = (await api.emailsTo(to)).map(
      (email) => email.template as string
    )
    assert.equal(templates.length, count, `emails to ${to}: ${templates}`)
    return templates
  })

/**
 * A guest's order, as the admin makes one: a draft order for an email no
 * customer has (core makes the guest customer), converted to an order.
 */
const guestOrder = async (email: string) => {
  const { regions } = await api.get("/admin/regions?fields=id&limit=1")
  const draft = await api.post("/admin/draft-orders", {
    email,
    region_id: regions[0].id,
    items: [{ title: "Credentials T-Shirt", quantity: 1, unit_price: 20 }],
  })
  assert.equal(draft.status, 200, JSON.stringify(draft.data))
  const order = await api.post(
    `/admin/draft-orders/${draft.data.draft_order.id}/convert-to-order`,
    {}
  )
  assert.equal(order.status, 200, JSON.stringify(order.data))
  const { order: converted } = await api.get(
    `/admin/orders/${order.data.order.id}?fields=id,customer_id`
  )
  assert.ok(converted.customer_id, "the order has no customer")
  created.push(converted.customer_id)
  return converted as { id: string; customer_id: string }
}

beforeAll(async () => {
  api = await adminApi()
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
  page.setDefaultTimeout(30_000)
  consoleProblems = watchConsole(page)
})

afterAll(async () => {
  await browser?.close()
  for (const id of created) {
    await api?.delete(`/admin/customers/${id}`)
  }
})

it("signs in through the admin login form", async () => {
  await signInToAdmin(page)
  expectCleanConsole()
})

describe("Create customer with login, on the customers list", () => {
  const drawer = () =>
    page.getByRole("dialog", { name: "Create customer with login" })

  it("opens the drawer; Generate and send hides the password fields, Enter a password shows them or says why not", async () => {
    await page.goto(`${BASE_URL}/app/customers`)
    await page
      .getByTestId("customer-registrations")
      .getByRole("button", { name: "Create customer with login" })
      .click()
    await visible(drawer())

    const generate = drawer().getByRole("radio", {
      name: /^Generate and send credentials/,
    })
    assert.equal(await generate.getAttribute("aria-checked"), "true")
    assert.equal(
      await drawer().getByLabel("New password", { exact: true }).count(),
      0
    )

    const enter = drawer().getByRole("radio", { name: /^Enter a password/ })
    if (await enter.isDisabled()) {
      await textOf(
        drawer().getByTestId("login-mode-password"),
        "Allow Manual Entry"
      )
    } else {
      await enter.click()
      await visible(drawer().getByLabel("New password", { exact: true }))
      await visible(drawer().getByText("Leave empty to not create a login."))
      await visible(drawer().getByText("Password policy"))
    }
    expectCleanConsole()
  })

  it("creates the customer with Send activation email, opens their page, and the activation email goes out", async () => {
    await drawer().getByLabel("Email", { exact: true }).fill(NEW_CUSTOMER)
    await drawer().getByLabel("First name", { exact: true }).fill("Dana")
    await drawer().getByLabel("Last name", { exact: true }).fill("Drawer")
    await drawer()
      .getByRole("radio", { name: /^Send activation email/ })
      .click()
    assert.equal(
      await drawer().getByLabel("New password", { exact: true }).count(),
      0
    )
    await drawer().getByRole("button", { name: "Create customer" }).click()

    await toast(`Customer ${NEW_CUSTOMER} created; the email is on its way`)
    await page.waitForURL(/\/app\/customers\/cus_[^/]+$/)
    created.push(new URL(page.url()).pathname.split("/").pop()!)

    const section = page.getByTestId("credentials-section")
    await visible(section.getByText("Registered", { exact: true }))
    expect(await templatesTo(NEW_CUSTOMER)).toEqual([
      "customer-account-activation",
    ])
    const trail = page.getByTestId("credential-events")
    await visible(
      trail.getByText("Customer created by an admin (activation email sent)", {
        exact: true,
      })
    )
    await visible(trail.getByText("Activation email sent", { exact: true }))
    await page.screenshot({
      path: screenshotPath("create-customer-with-login.png"),
    })
    expectCleanConsole()
  })

  it("refuses the same email again with the reason and a link to that customer", async () => {
    await page.goto(`${BASE_URL}/app/customers`)
    await page
      .getByTestId("customer-registrations")
      .getByRole("button", { name: "Create customer with login" })
      .click()
    await drawer().getByLabel("Email", { exact: true }).fill(NEW_CUSTOMER)
    await drawer().getByLabel("First name", { exact: true }).fill("Dana")
    await drawer().getByLabel("Last name", { exact: true }).fill("Again")
    await drawer().getByRole("button", { name: "Create customer" }).click()

    const error = drawer().getByTestId("create-customer-error")
    await textOf(error, "already has a login")
    await error
      .getByRole("link", { name: "Open the existing customer" })
      .click()
    await page.waitForURL(new RegExp(`/app/customers/${created[0]}$`))
    // Still one email: the refusal sent nothing.
    expect(await templatesTo(NEW_CUSTOMER)).toHaveLength(1)
    // The refused request itself (the browser logs every 4xx).
    expectCleanConsole([
      /status of 409 \(Conflict\) @ .*\/admin\/credentials\/customers$/,
    ])
  })

  it("Enter a password: a differing confirmation stops the form; the customer is created with a temporary, confirmed login", async () => {
    const before = await api.settings()
    await api.updateSettings({
      allow_manual_entry: true,
      password_ticket_expiration_minutes: 0,
    })
    try {
      await page.goto(`${BASE_URL}/app/customers`)
      await page
        .getByTestId("customer-registrations")
        .getByRole("button", { name: "Create customer with login" })
        .click()
      await drawer().getByLabel("Email", { exact: true }).fill(WITH_PASSWORD)
      await drawer().getByLabel("First name", { exact: true }).fill("Dana")
      await drawer().getByLabel("Last name", { exact: true }).fill("Typed")
      await drawer()
        .getByRole("radio", { name: /^Enter a password/ })
        .click()

      const confirm = drawer().getByRole("textbox", {
        name: "Confirm password",
        exact: true,
      })
      await drawer()
        .getByRole("textbox", { name: "New password", exact: true })
        .fill(PASSWORD)
      await textOf(
        drawer().getByTestId("password-strength-level"),
        /^(Strong|Excellent)$/
      )
      const differ = drawer().getByText("The passwords differ.", {
        exact: true,
      })
      await confirm.fill(`${PASSWORD}?`)
      await visible(differ)
      await attributeOf(confirm, "aria-invalid", "true")
      // Refused in the browser: had it been sent, the second submit below
      // would meet "already has a login".
      await drawer().getByRole("button", { name: "Create customer" }).click()
      await visible(differ)

      await confirm.fill(PASSWORD)
      await differ.waitFor({ state: "detached" })
      await drawer()
        .getByRole("checkbox", { name: "Temporary password" })
        .click()
      await drawer().getByRole("checkbox", { name: "Email confirmed" }).click()
      await visible(
        drawer().getByText(/^You checked that the customer owns this address/)
      )
      await drawer().getByRole("button", { name: "Create customer" }).click()

      await toast(`Customer ${WITH_PASSWORD} created with a login`)
      await page.waitForURL(/\/app\/customers\/cus_[^/]+$/)
      const id = new URL(page.url()).pathname.split("/").pop()!
      created.push(id)
      const { credentials } = await api.get(
        `/admin/customers/${id}/credentials`
      )
      expect(credentials).toMatchObject({
        is_registered: true,
        email_confirmed: true,
        must_change_password: true,
      })
    } finally {
      await api.updateSettings({
        allow_manual_entry: before.allow_manual_entry ?? null,
        password_ticket_expiration_minutes:
          before.password_ticket_expiration_minutes ?? null,
      })
    }
    expectCleanConsole()
  })
})

describe("a guest's order page", () => {
  const card = () => page.getByTestId("order-guest-login")

  const confirmPrompt = async (title: string, confirm: string) => {
    const dialog = page.getByRole("alertdialog")
    await textOf(dialog, title)
    await dialog.getByRole("button", { name: confirm }).click()
    await dialog.waitFor({ state: "hidden" })
  }

  it("Create login: generates the credentials, emails them, and the card goes", async () => {
    const order = await guestOrder(ORDER_GENERATE)
    await page.goto(`${BASE_URL}/app/orders/${order.id}`)
    await textOf(card(), "This guest has no login.")
    expectCleanConsole()

    await card().getByRole("button", { name: "Create login" }).click()
    // With Allow Manual Entry on, Create login offers both ways.
    const menu = page.getByRole("menu")
    if (await menu.isVisible().catch(() => false)) {
      await menu
        .getByRole("menuitem", { name: "Generate and send credentials" })
        .click()
    }
    await confirmPrompt("Create a login?", "Create login")
    await toast(`Credentials sent to ${ORDER_GENERATE}`)
    expect(await templatesTo(ORDER_GENERATE)).toEqual([
      "customer-credentials-generated",
    ])
    await card().waitFor({ state: "detached" })
    const { credentials } = await api.get(
      `/admin/customers/${order.customer_id}/credentials`
    )
    expect(credentials.is_registered).toBe(true)
    expectCleanConsole()
  })

  it("Send activation email: the guest gets the link, and the card goes", async () => {
    const order = await guestOrder(ORDER_ACTIVATION)
    await page.goto(`${BASE_URL}/app/orders/${order.id}`)
    await textOf(card(), "This guest has no login.")

    await card().getByRole("button", { name: "Send activation email" }).click()
    await confirmPrompt("Send an activation email?", "Send activation email")
    await toast(`Activation email sent to ${ORDER_ACTIVATION}`)
    expect(await templatesTo(ORDER_ACTIVATION)).toEqual([
      "customer-account-activation",
    ])
    await card().waitFor({ state: "detached" })
    await page.screenshot({ path: screenshotPath("order-guest-login.png") })
    expectCleanConsole()
  })
})
