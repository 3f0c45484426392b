import assert from "node:assert/strict"
import type { Locator } from "playwright-core"

const TIMEOUT = 30_000

/**
 * Polls until `check` stops throwing (the UI settles after requests), then
 * returns its value; after `timeoutMs` the last error is thrown.
 */
export const waitFor = async <T>(
  check: () => Promise<T> | T,
  timeoutMs = TIMEOUT
): Promise<T> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return await check()
    } catch (error) {
      if (Date.now() > deadline) {
        throw error
      }
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
}

export const visible = (locator: Locator) =>
  locator.first().waitFor({ state: "visible", timeout: TIMEOUT })

/**
 * Where `expected` occurs in `text` as itself: a number at either end is not
 * part of a longer number ("1 registered" is not in "11 registered", nor
 * "5 of 6 rights" in "5 of 60 rights").
 */
export const containsText = (text: string, expected: string) => {
  const escaped = expected.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  const before = /^\d/.test(expected) ? "(?<!\\d)" : ""
  const after = /\d$/.test(expected) ? "(?!\\d)" : ""
  return new RegExp(`${before}${escaped}${after}`).test(text)
}

/** Waits until the locator's text matches, and returns the text. */
export const textOf = (locator: Locator, expected: string | RegExp) =>
  waitFor(async () => {
    const text = ((await locator.first().textContent()) ?? "").trim()
    if (typeof expected === "string") {
      assert.ok(containsText(text, expected), `"${text}" lacks "${expected}"`)
    } else {
      assert.match(text, expected)
    }
    return text
  })

/** Waits until the attribute has the value. */
export const attributeOf = (locator: Locator, name: string, value: string) =>
  waitFor(async () => {
    assert.equal(await locator.first().getAttribute(name), value, name)
  })

/** Radix marks a disabled menu item with data-disabled. */
export const disabled = (locator: Locator) =>
  waitFor(async () => {
    assert.notEqual(
      await locator.first().getAttribute("data-disabled"),
      null,
      "The item is enabled"
    )
  })
