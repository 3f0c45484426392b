import assert from "node:assert/strict"
import { readFileSync } from "node:fs"

/**
 * The store's HTTP API, for what the browser tests check beside the screen:
 * settings, emails (core's GET /admin/notifications) and a customer signing
 * in with core's POST /auth/customer/emailpass.
 */
export const BASE_URL = process.env.E2E_BASE_URL ?? "http://localhost:9000"

export const ADMIN = { email: "admin@example.com", password: "supersecret" }

type Json = Record<string, any>

const request = async (
  path: string,
  init: { method?: string; body?: unknown; token?: string } = {}
) => {
  const response = await fetch(`${BASE_URL}${path}`, {
    method: init.method ?? "GET",
    headers: {
      "content-type": "application/json",
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
  const text = await response.text()
  return {
    status: response.status,
    data: (text ? JSON.parse(text) : {}) as Json,
  }
}

/** An admin API client signed in with a bearer token. */
export const adminApi = async () => {
  const login = await request("/auth/user/emailpass", {
    method: "POST",
    body: ADMIN,
  })
  assert.equal(login.status, 200, "The seeded admin could not sign in")
  const token = login.data.token as string
  const get = async (path: string) => {
    const response = await request(path, { token })
    assert.equal(response.status, 200, `GET ${path}`)
    return response.data
  }

  return {
    get,
    customerId: async (email: string): Promise<string> => {
      const { customers } = await get(
        `/admin/customers?q=${encodeURIComponent(email)}&fields=id,email`
      )
      const customer = customers.find((c: Json) => c.email === email)
      assert.ok(customer, `No customer ${email}`)
      return customer.id
    },
    /** POST with the admin's token; answers status and body. */
    post: (path: string, body: Json) =>
      request(path, { method: "POST", body, token }),
    /** DELETE with the admin's token; answers status and body. */
    delete: (path: string) => request(path, { method: "DELETE", token }),
    /** The seeded storefront's publishable API key (every /store route wants one). */
    publishableKey: async (): Promise<string> => {
      const { api_keys } = await get(
        "/admin/api-keys?type=publishable&fields=id,token,revoked_at"
      )
      const key = api_keys.find((k: Json) => !k.revoked_at)
      assert.ok(key, "The seed made no publishable API key")
      return key.token
    },
    settings: async () =>
      (await get("/admin/credential-settings")).credential_settings as Json,
    updateSettings: async (body: Json) => {
      const response = await request("/admin/credential-settings", {
        method: "POST",
        body,
        token,
      })
      assert.equal(response.status, 200, "POST /admin/credential-settings")
    },
    /**
     * Email notifications to a recipient, newest first: template, the event
     * that sent it, and `data` (subject, text and fields, with the password
     * or link removed once sent).
     */
    emailsTo: async (to: string) =>
      (
        await get(
          `/admin/notifications?channel=email&to=${encodeURIComponent(to)}` +
            "&fields=id,to,template,trigger_type,data,created_at" +
            "&order=-created_at&limit=50"
        )
      ).notifications as Json[],
  }
}

/** Core's customer sign-in; answers the status and the refusal's code. */
export const customerSignInAnswer = async (email: string, password: string) => {
  const { status, data } = await request("/auth/customer/emailpass", {
    method: "POST",
    body: { email, password },
  })
  return { status, code: (data.code as string | undefined) ?? null }
}

/** Core's customer sign-in; answers the status. */
export const customerSignIn = async (email: string, password: string) =>
  (
    await request("/auth/customer/emailpass", {
      method: "POST",
      body: { email, password },
    })
  ).status

/**
 * The data of the newest email the local notification provider delivered to
 * `to` with `template`, as its line in the store's log (E2E_SERVER_LOG, set by
 * e2e/run.sh) says: the delivered email, links included, which the stored
 * notification no longer holds once sent.
 */
export const deliveredEmail = (to: string, template: string): Json => {
  const log = readFileSync(process.env.E2E_SERVER_LOG ?? "", "utf8")
  const line = log
    .split("\n")
    .reverse()
    .find(
      (entry) =>
        entry.includes(`send a notification to: '${to}'`) &&
        entry.includes(`with template: '${template}'`)
    )
  const data = line && /and data: '(.*)'\s*$/.exec(line)?.[1]
  assert.ok(data, `No ${template} email to ${to} in the store's log`)
  return JSON.parse(data)
}

/**
 * Uses an emailed activation or reset link the way a storefront can: core's
 * POST /auth/customer/emailpass/update with the link's token; answers the status.
 */
export const choosePasswordWithLink = async (link: string, password: string) =>
  (
    await request("/auth/customer/emailpass/update", {
      method: "POST",
      body: { password },
      token: new URL(link).searchParams.get("token") ?? "",
    })
  ).status

/** Retries `check` until it passes or `timeoutMs` runs out (emails sent by subscribers arrive a moment later). */
export const eventually = async <T>(
  check: () => Promise<T>,
  timeoutMs = 15_000
): Promise<T> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return await check()
    } catch (error) {
      if (Date.now() > deadline) {
        throw error
      }
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
}
