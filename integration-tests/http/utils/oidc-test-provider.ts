import { spawn, type ChildProcess } from "node:child_process"
import path from "node:path"
import { createInterface } from "node:readline"

export const OIDC_TEST_CLIENT_ID = "medusa-storefront"
export const OIDC_TEST_CLIENT_SECRET = "oidc-test-client-secret"
/** The storefront page core's provider sends the shopper back to. */
export const OIDC_TEST_CALLBACK_URL = "http://localhost:8000/account/sso"

/** The claims the test user's identity provider vouches for. */
export type OidcTestUser = {
  sub: string
  email?: string
  email_verified?: boolean
  given_name?: string
  family_name?: string
  name?: string
}

export type OidcTestProvider = {
  issuer: string
  /**
   * Follows the authorization URL core returned the way a browser would,
   * signs the user in on the provider's interaction API, and returns the
   * parameters the provider sends back to the storefront's callback page.
   */
  authorize(location: string, user: OidcTestUser): Promise<URLSearchParams>
  /**
   * The next ID tokens get these claims changed (`{}` ends it), or with
   * `sign_with: "unknown"` are signed with a key the issuer never published.
   */
  tamper(changes: Record<string, unknown>): Promise<void>
  /** A new signing key replaces the old one, in the issuer's JWKS too. */
  rotateKeys(): Promise<void>
  stop(): Promise<void>
}

/**
 * The `cookie` header a browser sends back after the store's SSO start
 * answered: the signed cookie that binds the sign-in's state to it
 * (src/api/gates/sso-browser-binding.ts).
 */
export const ssoBindingCookie = (response: {
  headers: Record<string, unknown>
}): string => {
  const lines = (response.headers["set-cookie"] ?? []) as string[]
  const binding = lines.find((line) =>
    line.startsWith("customer_credentials_sso_")
  )
  if (!binding) {
    throw new Error("the SSO start set no state cookie")
  }
  return binding.split(";")[0]
}

/** A browser's cookies, enough for one sign-in at one provider. */
const cookieJar = () => {
  const cookies = new Map<string, string>()
  return {
    header: () =>
      [...cookies].map(([name, value]) => `${name}=${value}`).join("; "),
    store: (response: Response) => {
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(";")
        const index = pair.indexOf("=")
        cookies.set(pair.slice(0, index).trim(), pair.slice(index + 1))
      }
    },
  }
}

const redirectOf = (response: Response, base: string): URL => {
  const location = response.headers.get("location")
  if (response.status < 300 || response.status >= 400 || !location) {
    throw new Error(
      `expected a redirect from ${response.url || base}, got ${response.status}`
    )
  }
  return new URL(location, base)
}

/**
 * Starts oidc-test-provider.mjs (a real `oidc-provider`) on a loopback port
 * and resolves once it answers with its issuer URL.
 */
export const startOidcTestProvider = async (): Promise<OidcTestProvider> => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    OIDC_TEST_CLIENT_ID,
    OIDC_TEST_CLIENT_SECRET,
    OIDC_TEST_REDIRECT_URI: OIDC_TEST_CALLBACK_URL,
  }
  delete env.NODE_OPTIONS
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(__dirname, "oidc-test-provider.mjs")],
    // The IPC channel ends the provider with the test process, however it ends.
    { env, stdio: ["ignore", "pipe", "pipe", "ipc"] }
  )
  let stderr = ""
  child.stderr!.on("data", (chunk) => (stderr += chunk))

  const issuer = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.once("line", (line) => resolve(JSON.parse(line).issuer))
    child.once("exit", (code) =>
      reject(new Error(`the test OIDC provider exited (${code}): ${stderr}`))
    )
  })

  const authorize = async (location: string, user: OidcTestUser) => {
    const jar = cookieJar()
    const visit = async (url: URL, init: RequestInit = {}) => {
      const response = await fetch(url, {
        ...init,
        redirect: "manual",
        headers: { ...(init.headers ?? {}), cookie: jar.header() },
      })
      jar.store(response)
      return redirectOf(response, url.toString())
    }

    const interaction = await visit(new URL(location))
    const resume = await visit(
      new URL(`${interaction.pathname}/login`, issuer),
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(user),
      }
    )
    const callback = await visit(resume)
    if (!callback.toString().startsWith(OIDC_TEST_CALLBACK_URL)) {
      throw new Error(`the provider did not return to the store: ${callback}`)
    }
    return callback.searchParams
  }

  const control = async (path: string, body: unknown = {}) => {
    const response = await fetch(new URL(path, issuer), {
      method: "POST",
      body: JSON.stringify(body),
    })
    if (!response.ok) {
      throw new Error(`${path} answered ${response.status}`)
    }
  }
  const tamper = (changes: Record<string, unknown>) =>
    control("/__test/tamper", changes)
  const rotateKeys = () => control("/__test/rotate")

  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) {
        return resolve()
      }
      child.once("exit", () => resolve())
      child.kill("SIGTERM")
    })

  return { issuer, authorize, tamper, rotateKeys, stop }
}

/**
 * Starts the test provider before Medusa boots (jest's beforeAll in the
 * spec file, before the runner's) and points `medusa-config.ts` at it
 * through the OIDC_* variables (`prefix`: OIDC_PARTNER for the second
 * issuer, registered as "oidc-partner"); stops it and clears them after the
 * file. Returns a getter for the running provider.
 */
export const useOidcTestProvider = (
  extraEnv: Record<string, string> = {},
  prefix = "OIDC"
): (() => OidcTestProvider) => {
  let provider: OidcTestProvider | undefined
  const env = (): Record<string, string> => ({
    [`${prefix}_ISSUER`]: provider!.issuer,
    [`${prefix}_CLIENT_ID`]: OIDC_TEST_CLIENT_ID,
    [`${prefix}_CLIENT_SECRET`]: OIDC_TEST_CLIENT_SECRET,
    [`${prefix}_CALLBACK_URL`]: OIDC_TEST_CALLBACK_URL,
    ...extraEnv,
  })
  beforeAll(async () => {
    provider = await startOidcTestProvider()
    Object.assign(process.env, env())
  })
  afterAll(async () => {
    if (provider) {
      for (const name of Object.keys(env())) {
        delete process.env[name]
      }
    }
    await provider?.stop()
  })
  return () => provider!
}
