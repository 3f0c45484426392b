import http from "node:http"

/**
 * A storefront of two pages, served on loopback for the single sign-on
 * browser test, doing what docs/sso.md tells a storefront to do with plain
 * fetch:
 *
 * - `/`: reads `GET /store/credentials/config` and shows the SSO button with
 *   the store's label; the button calls `POST /auth/customer/oidc` with
 *   `credentials: "include"` (the browser-binding cookie) and sends the
 *   browser to the answered location.
 * - `/account/sso` (the provider's `callback_url`): calls
 *   `GET /auth/customer/oidc/callback` with the query the issuer sent and
 *   `credentials: "include"`, then `POST /store/credentials/sso/complete`
 *   with that token, then `GET /store/customers/me`, and shows the
 *   customer's email, or the refusal (`401 sso_state_mismatch: …`).
 *
 * Its origin must be in STORE_CORS and AUTH_CORS (e2e/run.sh).
 */
export type SsoStorefront = { url: string; stop(): Promise<void> }

const layout = (title: string, body: string, script: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="data:,">
<style>body{font:16px system-ui,sans-serif;max-width:32rem;margin:3rem auto}
button{padding:.5rem 1.5rem}[data-state=refused]{color:#b91c1c}</style></head>
<body><h1>Tiny storefront</h1>${body}
<script type="module">${script}</script></body></html>`

/** Shared by both pages: the backend, the publishable key, a JSON fetch. */
const prelude = (backend: string, publishableKey: string) => `
const backend = ${JSON.stringify(backend)}
const storeHeaders = (token) => ({
  "x-publishable-api-key": ${JSON.stringify(publishableKey)},
  ...(token ? { authorization: "Bearer " + token } : {}),
})
const call = async (path, init = {}) => {
  const response = await fetch(backend + path, init)
  const body = await response.json().catch(() => ({}))
  if (!response.ok) {
    throw new Error(response.status + " " + (body.code ?? body.type) + ": " + body.message)
  }
  return body
}
const show = (state, text) => {
  const result = document.getElementById("result")
  result.dataset.state = state
  result.textContent = text
}
`

const signInPage = (backend: string, publishableKey: string) =>
  layout(
    "Sign in",
    `<h2>Sign in</h2><button id="sso" hidden></button><p id="result" data-testid="result"></p>`,
    `${prelude(backend, publishableKey)}
try {
  const { config } = await call("/store/credentials/config", { headers: storeHeaders() })
  if (!config.sso.enabled) {
    show("refused", "Single sign-on is off")
  } else {
    const button = document.getElementById("sso")
    button.textContent = config.sso.button_label
    button.hidden = false
    button.addEventListener("click", async () => {
      try {
        const { location } = await call(config.sso.start_url, {
          method: "POST",
          credentials: "include",
        })
        window.location.href = location
      } catch (error) {
        show("refused", error.message)
      }
    })
  }
} catch (error) {
  show("refused", error.message)
}`
  )

const callbackPage = (backend: string, publishableKey: string) =>
  layout(
    "Signing in",
    `<h2>Signing in…</h2><p id="result" data-testid="result" data-state="pending"></p>`,
    `${prelude(backend, publishableKey)}
try {
  const callback = await call("/auth/customer/oidc/callback" + window.location.search, {
    credentials: "include",
  })
  const { token } = await call("/store/credentials/sso/complete", {
    method: "POST",
    headers: storeHeaders(callback.token),
  })
  const { customer } = await call("/store/customers/me", {
    headers: storeHeaders(token),
  })
  show("signed-in", "Signed in as " + customer.email)
} catch (error) {
  show("refused", error.message)
}`
  )

/** Serves the two pages on the port of `url` (loopback). */
export const startSsoStorefront = async (
  url: string,
  backend: string,
  publishableKey: string
): Promise<SsoStorefront> => {
  const pages: Record<string, string> = {
    "/": signInPage(backend, publishableKey),
    "/account/sso": callbackPage(backend, publishableKey),
  }
  const server = http.createServer((req, res) => {
    const page = pages[new URL(req.url ?? "/", url).pathname]
    res.statusCode = page ? 200 : 404
    res.setHeader("content-type", "text/html; charset=utf-8")
    res.setHeader("cache-control", "no-store")
    res.end(page ?? "Not found")
  })
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(Number(new URL(url).port), "127.0.0.1", resolve)
  })
  return {
    url: url.replace(/\/$/, ""),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
