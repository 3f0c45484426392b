/**
 * The plugin's admin UI in a real browser, against the seeded dev store that
 * e2e/run.sh starts: the customer page widget, the settings page, "Enter new
 * password", the confirmed actions, and the emails they send.
 *
 * The steps run in order and build on each other, as a merchant would work.
 */
import type { Browser, Page } from "playwright-core"
import {
  adminApi,
  BASE_URL,
  choosePasswordWithLink,
  customerSignIn,
  deliveredEmail,
  eventually,
  customerSignInAnswer,
} from "./utils/api"
import {
  launchBrowser,
  screenshotPath,
  signInToAdmin,
  watchConsole,
} from "./utils/browser"
import { attributeOf, disabled, textOf, visible, waitFor } from "./utils/wait"

jest.setTimeout(300_000)

const GUEST = "guest@example.com"
const REGISTERED = "registered@example.com"
const WEAK = "abc"
const STRONG = "Correct-Horse-Battery-9!"

/** The rules of the default policy, as password-policy.ts words them. */
const POLICY_MESSAGES = [
  "must be at least 8 characters long",
  "must contain a capital letter",
  "must contain a digit",
  "must contain a special character such as ! ? # or %",
]

const capitalized = (text: string) =>
  text.charAt(0).toUpperCase() + text.slice(1)

let browser: Browser
let page: Page
let consoleProblems: ReturnType<typeof watchConsole>
let api: Awaited<ReturnType<typeof adminApi>>
let guestId: string
let registeredId: string

/** No console error or uncaught exception since the last check. */
const expectCleanConsole = (allowed: RegExp[] = []) =>
  expect(consoleProblems.take(allowed)).toEqual([])

const section = () => page.getByTestId("credentials-section")
const events = () => page.getByTestId("credential-events")
const menuItem = (name: RegExp) => page.getByRole("menuitem", { name })
const toast = (text: string) => visible(page.getByText(text, { exact: true }))

/** A key/value row of the section, by its label. */
const row = (label: string) =>
  section()
    .locator("div.grid")
    .filter({ has: page.getByText(label, { exact: true }) })

const openCustomer = async (id: string) => {
  await page.goto(`${BASE_URL}/app/customers/${id}`)
  await visible(section().getByRole("heading", { name: "Login & credentials" }))
  // Loaded once the badge replaces the skeleton.
  await visible(section().getByText(/^(Registered|Not registered)$/))
}

const openMenu = async () => {
  await section().getByRole("button", { name: "Login & credentials" }).click()
  await visible(page.getByRole("menu"))
}

const confirmPrompt = async (expected: RegExp, confirm: string) => {
  const dialog = page.getByRole("alertdialog")
  await textOf(dialog, expected)
  await dialog.getByRole("button", { name: confirm }).click()
  await dialog.waitFor({ state: "hidden" })
}

const passwordDrawer = () =>
  page.getByRole("dialog", { name: "Enter new password" })

const typePasswords = async (password: string, confirmation = password) => {
  const drawer = passwordDrawer()
  await drawer
    .getByRole("textbox", { name: "New password", exact: true })
    .fill(password)
  await drawer
    .getByRole("textbox", { name: "Confirm password", exact: true })
    .fill(confirmation)
}

/** The template names of the emails sent to someone (newest first). */
const emailTemplates = async (to: string) =>
  (await api.emailsTo(to)).map((email) => email.template as string)

/** The ids of the emails sent to someone so far. */
const emailIds = async (to: string) =>
  new Set((await api.emailsTo(to)).map((email) => email.id as string))

/** The emails sent to someone since `before`, once there are `count` of them. */
const newEmails = (to: string, before: Set<string>, count = 1) =>
  waitFor(async () => {
    const sent = (await api.emailsTo(to)).filter(
      (email) => !before.has(email.id)
    )
    expect(sent).toHaveLength(count)
    return sent
  })

/** The newest row of the audit trail reads `label` (exactly), for `action`. */
const newestEvent = async (label: string, action: string) => {
  const newest = events().locator("li").first()
  await attributeOf(newest, "data-action", action)
  await waitFor(async () =>
    expect(
      (
        (await newest.getByTestId("credential-event-label").textContent()) ?? ""
      ).trim()
    ).toBe(label)
  )
  return newest
}

/** Every row of the audit trail reads as words: no stored code, no fallback. */
const expectReadableTrail = async () => {
  const labels = await events()
    .getByTestId("credential-event-label")
    .allTextContents()
  expect(labels.length).toBeGreaterThan(0)
  for (const label of labels) {
    expect(label).not.toMatch(/[a-z]_[a-z]/)
    expect(label).not.toBe("Other login activity")
  }
}

/** The value of a key/value row of the section (its text after the label). */
const rowValue = async (label: string) => {
  const text = await textOf(row(label), new RegExp(`^${label}.+`))
  return text.slice(label.length).trim()
}

beforeAll(async () => {
  api = await adminApi()
  guestId = await api.customerId(GUEST)
  registeredId = await api.customerId(REGISTERED)
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
  page.setDefaultTimeout(30_000)
  consoleProblems = watchConsole(page)
})

afterAll(async () => {
  await browser?.close()
})

it("signs in through the admin login form", async () => {
  await signInToAdmin(page)
  expectCleanConsole()
})

it("shows how many customers have a login on the customers list", async () => {
  await page.goto(`${BASE_URL}/app/customers`)
  const counts = page.getByTestId("registration-counts")
  await textOf(counts, "1 registered")
  await textOf(counts, "1 without a login")
  expectCleanConsole()
})

it("renders the credentials widget on a guest's page", async () => {
  await openCustomer(guestId)

  await visible(section().getByText("Not registered", { exact: true }))
  await visible(section().getByRole("switch", { name: "Login enabled" }))
  await visible(section().getByRole("switch", { name: "Email confirmed" }))
  await textOf(row("Last sign-in"), "Never")
  await textOf(row("Sign-in lock"), "Not locked")
  await visible(events().getByText("No login activity yet."))

  await openMenu()
  await disabled(menuItem(/^Enter new password/))
  await textOf(
    menuItem(/^Enter new password/),
    "allow manual entry in the credential settings"
  )
  await disabled(menuItem(/^Reset password/))
  await textOf(menuItem(/^Reset password/), "No login yet")
  await visible(menuItem(/^Create login$/))
  await visible(menuItem(/^Send activation email$/))
  expectCleanConsole()

  // The hint's link leads to the settings page.
  await menuItem(/^Open credential settings$/).click()
  await page.waitForURL(/\/settings\/customer-credentials$/)
})

it("turns on Allow manual entry on the settings page, with validation", async () => {
  const form = page.getByTestId("credential-settings")
  await visible(form.getByRole("heading", { name: "Password policy" }))
  expectCleanConsole()

  const minLength = form.getByRole("spinbutton", { name: "Minimum length" })
  await minLength.fill("5")
  await visible(form.getByText("Enter a number from 6 to 128."))
  await form.getByRole("button", { name: "Save", exact: true }).click()
  await toast("Correct the highlighted settings first.")
  await minLength.fill("8")

  const manualEntry = form.getByRole("switch", { name: "Allow manual entry" })
  await attributeOf(manualEntry, "aria-checked", "false")
  await manualEntry.click()
  await form.getByRole("button", { name: "Save", exact: true }).click()
  await toast("Customer credential settings saved")
  await attributeOf(manualEntry, "aria-checked", "true")

  const settings = await api.settings()
  expect(settings.allow_manual_entry).toBe(true)
  expect(settings.password_policy.min_length).toBe(8)

  // What was saved is what a reload shows. The admin's main column scrolls
  // inside the page: a tall window shows all of it.
  await page.setViewportSize({ width: 1440, height: 3400 })
  await page.reload()
  await attributeOf(
    form.getByRole("switch", { name: "Allow manual entry" }),
    "aria-checked",
    "true"
  )
  await page.mouse.move(0, 0)
  await form.screenshot({ path: screenshotPath("settings-page.png") })
  await page.setViewportSize({ width: 1440, height: 1000 })
  expectCleanConsole()
})

it("shows what activated accounts sign in with, a choice of three, customer number by default", async () => {
  const form = page.getByTestId("credential-settings")
  const choice = form.getByRole("combobox", {
    name: "Activated accounts sign in with",
  })
  await textOf(choice, "Customer number")
  await choice.click()
  for (const option of [
    "Customer number",
    "Email",
    "Email or customer number",
  ]) {
    await visible(page.getByRole("option", { name: option, exact: true }))
  }
  await page.keyboard.press("Escape")
  await textOf(choice, "Customer number")
  expect((await api.settings()).backoffice_activation_sign_in).toBe(
    "customer_number"
  )
  expectCleanConsole()
})

it("refuses a weak password with the policy's messages", async () => {
  await openCustomer(guestId)
  await openMenu()
  await menuItem(/^Enter new password$/).click()
  const drawer = passwordDrawer()
  await visible(drawer)
  await typePasswords(WEAK)

  await textOf(drawer.getByTestId("password-strength-level"), /^Weak$/)
  const checklist = drawer.getByTestId("password-policy")
  for (const message of POLICY_MESSAGES) {
    await attributeOf(
      checklist.locator("li").filter({ hasText: capitalized(message) }),
      "data-met",
      "false"
    )
  }
  await textOf(
    drawer.getByTestId("temporary-hint"),
    "Permanent: the customer keeps it until it is changed."
  )
  await page.screenshot({ path: screenshotPath("enter-password-weak.png") })

  await drawer.getByRole("button", { name: "Save password" }).click()
  const error = await textOf(
    drawer.getByTestId("password-error"),
    /^The password does not meet the password policy/
  )
  for (const message of POLICY_MESSAGES) {
    expect(error).toContain(message)
  }
  // The refused request is this step's only console error (Chromium logs
  // every 4xx response).
  expectCleanConsole([
    /status of 400 .* @ .*\/admin\/customers\/[^/]+\/credentials\/password$/,
  ])
})

it("saves a strong password for a new login: unconfirmed, a confirmation link emailed, sign-in waits", async () => {
  const drawer = passwordDrawer()
  await typePasswords(STRONG)
  await textOf(
    drawer.getByTestId("password-strength-level"),
    /^(Strong|Excellent)$/
  )
  await waitFor(async () =>
    expect(
      await drawer
        .getByTestId("password-policy")
        .locator("li[data-met=false]")
        .count()
    ).toBe(0)
  )
  // A customer without a login: the drawer asks whether the email is
  // confirmed (off by default: the customer proves it through a link).
  await attributeOf(
    drawer.getByRole("checkbox", { name: "Email confirmed" }),
    "data-state",
    "unchecked"
  )
  await textOf(
    drawer.getByTestId("email-confirmed-hint"),
    /^We email a confirmation link; the login signs in once the customer follows it\.$/
  )
  const before = await emailIds(GUEST)

  await drawer.getByRole("button", { name: "Save password" }).click()
  await toast(`Password saved for ${GUEST}`)
  await drawer.waitFor({ state: "hidden" })

  await visible(section().getByText("Registered", { exact: true }))
  await textOf(row("Last password change"), /\d/)
  await attributeOf(
    section().getByRole("switch", { name: "Email confirmed" }),
    "aria-checked",
    "false"
  )
  await visible(events().getByText("Password entered by an admin"))

  await waitFor(async () => {
    const sent = (await api.emailsTo(GUEST)).filter(
      (email) => !before.has(email.id)
    )
    expect(sent.map((email) => email.data?.subject)).toContain(
      "Confirm your email address"
    )
  })
  expect(await customerSignInAnswer(GUEST, STRONG)).toEqual({
    status: 401,
    code: "email_not_confirmed",
  })
  expectCleanConsole()
})

it("marks the email confirmed, then turns login off (confirmed) and on", async () => {
  const email = section().getByRole("switch", { name: "Email confirmed" })
  await attributeOf(email, "aria-checked", "false")
  await email.click()
  await toast(`${GUEST} is marked as confirmed`)
  await attributeOf(email, "aria-checked", "true")
  await newestEvent("Email marked as confirmed", "email_confirmed")
  expect(await customerSignIn(GUEST, STRONG)).toBe(200)

  const login = section().getByRole("switch", { name: "Login enabled" })
  await login.click()
  await confirmPrompt(
    /guest@example\.com will no longer be able to sign in/,
    "Turn off login"
  )
  await toast(`Login turned off for ${GUEST}`)
  await attributeOf(login, "aria-checked", "false")
  expect(await customerSignIn(GUEST, STRONG)).toBe(401)

  await login.click()
  await toast(`Login turned on for ${GUEST}`)
  await attributeOf(login, "aria-checked", "true")
  expect(await customerSignIn(GUEST, STRONG)).toBe(200)
  await newestEvent("Login turned on", "login_enabled")
  await expectReadableTrail()
  expectCleanConsole()
})

it("turns Email confirmed off after a prompt: the link is emailed, the audit trail says so, sign-in waits", async () => {
  const email = section().getByRole("switch", { name: "Email confirmed" })
  await attributeOf(email, "aria-checked", "true")
  const before = await emailIds(GUEST)
  const unconfirmPrompt =
    /^Turn off Email confirmed\?.*guest@example\.com will not be able to sign in until the customer follows the confirmation link we email them now/

  // Cancel leaves the switch on and sends nothing.
  await email.click()
  const dialog = page.getByRole("alertdialog")
  await textOf(dialog, unconfirmPrompt)
  await dialog.getByRole("button", { name: "Cancel", exact: true }).click()
  await dialog.waitFor({ state: "hidden" })
  await attributeOf(email, "aria-checked", "true")

  await email.click()
  await confirmPrompt(unconfirmPrompt, "Turn off and send a confirmation link")
  await toast(
    `${GUEST} is marked as not confirmed; a confirmation link was sent`
  )
  await attributeOf(email, "aria-checked", "false")
  await newestEvent(
    "Email marked as not confirmed, confirmation link sent",
    "email_unconfirmed"
  )
  await expectReadableTrail()

  // One email, the confirmation link (core's verification request).
  const [sent] = await newEmails(GUEST, before)
  expect(sent).toMatchObject({
    template: "customer-account-activation",
    trigger_type: "auth.verification_requested",
    data: expect.objectContaining({ subject: "Confirm your email address" }),
  })
  expect(await customerSignInAnswer(GUEST, STRONG)).toEqual({
    status: 401,
    code: "email_not_confirmed",
  })

  // On again (no prompt): the same password signs in.
  await email.click()
  await attributeOf(email, "aria-checked", "true")
  await newestEvent("Email marked as confirmed", "email_confirmed")
  expect(await customerSignIn(GUEST, STRONG)).toBe(200)
  expectCleanConsole()
})

it("generates and sends credentials after a confirmation", async () => {
  await openMenu()
  await menuItem(/^Generate and send credentials$/).click()
  await confirmPrompt(
    /new random password will be emailed to guest@example\.com.*current password stops working/,
    "Generate and send"
  )
  await toast(`New credentials sent to ${GUEST}`)

  await textOf(
    row("Temporary password"),
    "Must be changed at next sign-in, no expiry"
  )
  await textOf(row("Customer number"), /\d{6}/)
  await visible(events().getByText("Credentials generated and sent"))

  // The old password stops working; the new one went by email.
  expect(await customerSignIn(GUEST, STRONG)).toBe(401)
  const templates = await waitFor(async () => {
    const found = await emailTemplates(GUEST)
    expect(found).toContain("customer-credentials-generated")
    return found
  })
  expect(templates[0]).toBe("customer-credentials-generated")

  await page.mouse.move(0, 0)
  await page
    .getByTestId("customer-credentials")
    .screenshot({ path: screenshotPath("credentials-widget.png") })
  expectCleanConsole()
})

it("sends a password reset to the registered customer", async () => {
  await openCustomer(registeredId)
  await visible(section().getByText("Registered", { exact: true }))
  await openMenu()
  await menuItem(/^Reset password$/).click()
  await confirmPrompt(
    /registered@example\.com will get an email with a link to choose a new password/,
    "Send reset email"
  )
  await toast(`Password reset email sent to ${REGISTERED}`)
  await visible(events().getByText("Password reset email sent"))

  // Core's auth.password_reset event: the plugin's subscriber sends the email.
  await waitFor(async () =>
    expect(await emailTemplates(REGISTERED)).toContain(
      "customer-password-reset"
    )
  )
  expectCleanConsole()
})

it("counts the new login on the customers list", async () => {
  await page.goto(`${BASE_URL}/app/customers`)
  const counts = page.getByTestId("registration-counts")
  await textOf(counts, "2 registered")
  await textOf(counts, "0 without a login")
  await page.mouse.move(0, 0)
  await page
    .getByTestId("customer-registrations")
    .screenshot({ path: screenshotPath("customer-list-widget.png") })
  expectCleanConsole()
})

it("makes every entered password temporary while the ticket delay is above 0", async () => {
  await api.updateSettings({ password_ticket_expiration_minutes: 90 })
  try {
    await openCustomer(guestId)
    await openMenu()
    await menuItem(/^Enter new password$/).click()
    const drawer = passwordDrawer()
    const temporary = drawer.getByRole("checkbox", {
      name: "Temporary password",
    })
    await attributeOf(temporary, "data-state", "checked")
    await attributeOf(temporary, "disabled", "")
    await textOf(
      drawer.getByTestId("temporary-hint"),
      /^Every password entered here is temporary: .* expires after 1 hour 30 minutes \(around .+\)/
    )
    await drawer.getByRole("button", { name: "Cancel" }).click()
    await drawer.waitFor({ state: "hidden" })
  } finally {
    await api.updateSettings({ password_ticket_expiration_minutes: null })
  }
  expectCleanConsole()
})

describe("logins for a business account (B2B references)", () => {
  const REGISTERED_PASSWORD = "Registered-Pass-1!"
  let companyId: string

  const references = () => page.getByTestId("customer-references")
  const referenceDrawer = () => page.getByTestId("reference-drawer")
  const referenceRow = (email: string) =>
    references().locator(
      `[data-testid=customer-reference][data-email="${email}"]`
    )
  const savedReferences = async () =>
    (await api.get(`/admin/customers/${companyId}/references`))
      .references as Array<Record<string, any>>

  beforeAll(async () => {
    // Created after the list's counts were checked above.
    const created = await api.post("/admin/customers", {
      email: "buyer-desk@acme.example",
      company_name: "Acme Corp",
    })
    expect(created.status).toBe(200)
    companyId = created.data.customer.id
  })

  it("adds an email that already has a login: its password keeps working", async () => {
    await page.goto(`${BASE_URL}/app/customers/${companyId}`)
    await visible(
      references().getByRole("heading", { name: "Logins for this account" })
    )
    await visible(
      references().getByText("No logins are linked to this account yet.")
    )

    await references().getByRole("button", { name: "Add login" }).click()
    const drawer = referenceDrawer()
    await visible(drawer.getByText(/keeps its password/))
    await drawer.getByRole("textbox", { name: "Email" }).fill(REGISTERED)
    await drawer
      .getByRole("textbox", { name: "Display name" })
      .fill("Reggie at Acme")
    await drawer.getByRole("checkbox", { name: "View invoices" }).click()
    await drawer.getByRole("button", { name: "Save" }).click()
    await toast(`${REGISTERED} can now act for this account`)
    await drawer.waitFor({ state: "hidden" })

    await textOf(referenceRow(REGISTERED), "Reggie at Acme")
    await textOf(referenceRow(REGISTERED), "May sign in")
    await textOf(referenceRow(REGISTERED), "5 of 6 rights")
    // The account's audit trail names the change and the person.
    const added = await newestEvent(
      "Login added to this account",
      "reference_added"
    )
    await textOf(
      added.getByTestId("credential-event-detail"),
      /^by an admin · registered@example\.com$/
    )

    const [saved] = await savedReferences()
    expect(saved).toMatchObject({
      email: REGISTERED,
      display_name: "Reggie at Acme",
      internet_user: true,
      permissions: { view_invoices: false, place_orders: true },
    })
    // The seed's password was not wiped by adding the reference.
    expect(await customerSignIn(REGISTERED, REGISTERED_PASSWORD)).toBe(200)

    await page.mouse.move(0, 0)
    await references().screenshot({
      path: screenshotPath("references-widget.png"),
    })
    expectCleanConsole()
  })

  it("shows an invalid email's error from the API inside the drawer", async () => {
    await references().getByRole("button", { name: "Add login" }).click()
    const drawer = referenceDrawer()
    await drawer.getByRole("textbox", { name: "Email" }).fill("not-an-email")
    await drawer.getByRole("button", { name: "Save" }).click()
    await visible(drawer.getByTestId("reference-form-error"))
    await drawer.getByRole("button", { name: "Cancel" }).click()
    await drawer.waitFor({ state: "hidden" })
    expect(await savedReferences()).toHaveLength(1)
    // The browser logs the refused request (400) itself.
    expectCleanConsole([/400/])
  })

  it("turns sign-in off and narrows a right, shown against the store-wide rights", async () => {
    await api.updateSettings({ permissions: { view_prices: false } })
    try {
      await page.reload()
      await referenceRow(REGISTERED)
        .getByRole("button", { name: REGISTERED })
        .click()
      await menuItem(/^Edit$/).click()
      const drawer = referenceDrawer()
      await visible(drawer.getByTestId("off-store-wide-view_prices"))
      await drawer
        .getByRole("switch", { name: "May sign in for this account" })
        .click()
      await drawer.getByRole("checkbox", { name: "Place orders" }).click()
      await drawer.getByRole("button", { name: "Save" }).click()
      await toast(`Saved the rights of ${REGISTERED}`)
      await drawer.waitFor({ state: "hidden" })

      await textOf(referenceRow(REGISTERED), "May not sign in")
      // view_invoices and place_orders off here, view_prices off store-wide.
      await textOf(referenceRow(REGISTERED), "3 of 6 rights")
      await newestEvent(
        "Login's rights for this account changed",
        "reference_updated"
      )
      const [saved] = await savedReferences()
      expect(saved).toMatchObject({
        internet_user: false,
        permissions: { place_orders: false, view_invoices: false },
      })
    } finally {
      await api.updateSettings({ permissions: { view_prices: true } })
    }
    expectCleanConsole()
  })

  it("removes the login from the account after a prompt; the login survives", async () => {
    await referenceRow(REGISTERED)
      .getByRole("button", { name: REGISTERED })
      .click()
    await menuItem(/^Remove$/).click()
    await confirmPrompt(
      /registered@example\.com will no longer be able to sign in for this account/,
      "Remove"
    )
    await toast(`${REGISTERED} was removed from this account`)
    await visible(
      references().getByText("No logins are linked to this account yet.")
    )
    expect(await savedReferences()).toEqual([])
    expect(await customerSignIn(REGISTERED, REGISTERED_PASSWORD)).toBe(200)
    await newestEvent("Login removed from this account", "reference_removed")
    await expectReadableTrail()
    expectCleanConsole()
  })
})

describe("Create login and Send activation, clicked through to the email", () => {
  const CREATE = "create-login@example.com"
  const ACTIVATE = "activate@example.com"
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    // Customers without a login, made after the list's counts were checked.
    for (const email of [CREATE, ACTIVATE]) {
      const created = await api.post("/admin/customers", {
        email,
        first_name: "Sam",
      })
      expect(created.status).toBe(200)
      ids[email] = created.data.customer.id
    }
  })

  it("Create login: a prompt, a login with a customer number, the details emailed, the audit trail in words", async () => {
    await openCustomer(ids[CREATE])
    await visible(section().getByText("Not registered", { exact: true }))
    const before = await emailIds(CREATE)

    await openMenu()
    await menuItem(/^Create login$/).click()
    await confirmPrompt(
      /A login will be created for create-login@example\.com and a random temporary password emailed to them with their customer number/,
      "Create login"
    )
    await toast(`Login created; credentials sent to ${CREATE}`)
    await visible(section().getByText("Registered", { exact: true }))
    await textOf(
      row("Temporary password"),
      "Must be changed at next sign-in, no expiry"
    )
    const customerNumber = await rowValue("Customer number")
    expect(customerNumber).toMatch(/^\d+$/)

    const [sent] = await newEmails(CREATE, before)
    expect(sent).toMatchObject({
      template: "customer-credentials-generated",
      data: expect.objectContaining({
        subject: "Your login details",
        customer_number: customerNumber,
      }),
    })
    expect(sent.data.text).toContain(`Customer number: ${customerNumber}`)

    await newestEvent("Credentials generated and sent", "credentials_generated")
    await expectReadableTrail()
    expectCleanConsole()
  })

  it("Send activation email: a prompt, a login, the activation link emailed, the audit trail in words", async () => {
    await openCustomer(ids[ACTIVATE])
    await visible(section().getByText("Not registered", { exact: true }))
    const before = await emailIds(ACTIVATE)

    await openMenu()
    await menuItem(/^Send activation email$/).click()
    await confirmPrompt(
      /activate@example\.com will get a link to choose a password and confirm their email address\. A login and a customer number are created for them now/,
      "Send activation email"
    )
    await toast(`Activation email sent to ${ACTIVATE}`)
    await visible(section().getByText("Registered", { exact: true }))
    const customerNumber = await rowValue("Customer number")
    expect(customerNumber).toMatch(/^\d+$/)

    const [sent] = await newEmails(ACTIVATE, before)
    expect(sent).toMatchObject({
      template: "customer-account-activation",
      data: expect.objectContaining({
        subject: "Activate your account",
        customer_number: customerNumber,
      }),
    })

    // The store's default: the login signs in with its number only, and
    // the email says so.
    expect(sent.data.text).toContain(
      `Sign in with your customer number ${customerNumber} (not your email address)`
    )
    expect(await rowValue("Signs in with")).toBe("Customer number")

    await newestEvent("Activation email sent", "activation_sent")
    await expectReadableTrail()
    // No password yet: the login does not sign in until the link is used.
    expect(await customerSignIn(ACTIVATE, STRONG)).toBe(401)

    // The link from the email: the customer chooses a password, then signs
    // in with the number; the email answers as a wrong password would.
    expect(
      await choosePasswordWithLink(
        (
          await eventually(async () =>
            deliveredEmail(ACTIVATE, "customer-account-activation")
          )
        ).activation_url as string,
        STRONG
      )
    ).toBe(200)
    expect(await customerSignIn(customerNumber, STRONG)).toBe(200)
    expect(await customerSignInAnswer(ACTIVATE, STRONG)).toEqual({
      status: 401,
      code: "invalid_credentials",
    })
    await page.reload()
    expect(await rowValue("Signs in with")).toBe("Customer number")
    expectCleanConsole()
  })
})
