import type * as OpenIdClient from "openid-client" with {
  "resolution-mode": "import",
}

let loaded: Promise<typeof OpenIdClient> | undefined

/**
 * `openid-client` v6 is an ES module and the plugin is built as CommonJS:
 * it is loaded with a dynamic `import()` (kept as such by TypeScript's
 * Node16 output and by the tests' transform), once.
 */
export const openidClient = (): Promise<typeof OpenIdClient> =>
  (loaded ??= import("openid-client"))

export type { OpenIdClient }
