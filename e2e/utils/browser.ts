import { appendFileSync, mkdirSync } from "node:fs"
import path from "node:path"
import {
  chromium,
  type Browser,
  type ConsoleMessage,
  type Page,
} from "playwright-core"
import { ADMIN, BASE_URL } from "./api"

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"
export const SCREENSHOT_DIR =
  process.env.E2E_SCREENSHOT_DIR ?? path.join(__dirname, "..", "screenshots")

/** Debian's Chromium, headless; playwright never downloads a browser here. */
export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  })

export type ConsoleProblem = { kind: string; text: string; url: string }

/**
 * Collects the page's console errors and uncaught exceptions. `take` hands
 * back what was collected since the last call, minus what `allowed` matches
 * (each entry tested against "text @ url").
 */
export const watchConsole = (page: Page) => {
  let problems: ConsoleProblem[] = []
  const logFile = process.env.E2E_CONSOLE_LOG
  page.on("console", (message: ConsoleMessage) => {
    if (logFile) {
      // Every message, for reading after a failed run (e2e/run.sh prints it).
      appendFileSync(logFile, `[${message.type()}] ${message.text()}\n`)
    }
    if (message.type() === "error") {
      problems.push({
        kind: "console.error",
        text: message.text(),
        url: message.location().url,
      })
    }
  })
  page.on("pageerror", (error) => {
    if (logFile) {
      appendFileSync(logFile, `[pageerror] ${error.message}\n`)
    }
    problems.push({ kind: "pageerror", text: error.message, url: page.url() })
  })
  return {
    take: (allowed: RegExp[] = []) => {
      const taken = problems.filter(
        (problem) =>
          !allowed.some((pattern) =>
            pattern.test(`${problem.text} @ ${problem.url}`)
          )
      )
      problems = []
      return taken
    },
  }
}

/** Signs in through the admin's own login form. */
export const signInToAdmin = async (page: Page) => {
  // The first visit compiles the admin (Vite dev server): give it time.
  await page.goto(`${BASE_URL}/app/login`, { timeout: 240_000 })
  await page.locator("input[name=email]").fill(ADMIN.email, {
    timeout: 240_000,
  })
  await page.locator("input[name=password]").fill(ADMIN.password)
  await page.getByRole("button", { name: "Continue with Email" }).click()
  await page.waitForURL((url) => !url.pathname.endsWith("/login"), {
    timeout: 60_000,
  })
}

export const screenshotPath = (name: string) => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  return path.join(SCREENSHOT_DIR, name)
}
