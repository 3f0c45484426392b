import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { AxiosInstance } from "axios"
import { failure } from "./credentials"

/** What the route matrices send and compare (gates-route-matrix*.spec.ts). */
export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const

export const percentEncodeLast = (segment: string) =>
  segment.slice(0, -1) +
  "%" +
  segment
    .charCodeAt(segment.length - 1)
    .toString(16)
    .toUpperCase()

/**
 * The ways a path can be written that Express may route to the same handler:
 * Express matches case-insensitively, accepts a trailing slash, and decodes
 * route parameters, so each segment is also changed on its own (a parameter
 * such as `:actor_type` or `:auth_provider` is decoded, a static one is not);
 * and two it cannot decode at all.
 */
export const spellingsOf = (path: string): string[] => {
  const segments = path.split("/").slice(1)
  const join = (parts: string[]) => "/" + parts.join("/")
  const each = (change: (segment: string) => string) =>
    segments.map((_, index) =>
      join(segments.map((s, i) => (i === index ? change(s) : s)))
    )
  return [
    ...new Set([
      path,
      path.toUpperCase(),
      join(segments.map((s) => s[0].toUpperCase() + s.slice(1))),
      path + "/",
      join([segments[0], "", ...segments.slice(1)]),
      path.replace(/\/(?=[^/]*$)/, "//"),
      join(segments.map(percentEncodeLast)),
      ...each(percentEncodeLast),
      ...each((s) => s.toUpperCase()),
      // Malformed percent-encodings, which Express cannot decode.
      path + "%",
      path.replace(/[^/]$/, (last) => `${last}%ff`),
    ]),
  ]
}

export type Person = { email: string; password: string; token?: string }
export type MatrixRequest = {
  path: string
  body: Record<string, unknown>
  token?: string
}
export type Outcome = {
  case: string
  status: number
  token: boolean
}

/** A body's token, wherever core or the plugin put it. */
export const hasToken = (data: unknown) =>
  !!data &&
  typeof data === "object" &&
  typeof (data as { token?: unknown }).token === "string"

/** Every login, password hash, session epoch, customer and pending token. */
export const snapshot = async (container: MedusaContainer): Promise<string> => {
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const tables = (
    await pg.raw(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = current_schema()
         AND (table_name LIKE '%reset%' OR table_name LIKE '%verification%')`
    )
  ).rows.map((row: { table_name: string }) => row.table_name)
  const counts = await Promise.all(
    tables.map(
      async (table: string) =>
        `${table}:${(await pg.raw(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n}`
    )
  )
  const { rows } = await pg.raw(
    `SELECT
       (SELECT md5(coalesce(string_agg(id || ':' || coalesce(provider_metadata::text, ''), ',' ORDER BY id), '')) FROM provider_identity) AS logins,
       (SELECT md5(coalesce(string_agg(id || ':' || coalesce(app_metadata::text, ''), ',' ORDER BY id), '')) FROM auth_identity) AS identities,
       (SELECT md5(coalesce(string_agg(id || ':' || coalesce(email, '') || ':' || has_account, ',' ORDER BY id), '')) FROM customer) AS customers`
  )
  return JSON.stringify({ ...rows[0], counts })
}

/**
 * Sends requests, and whole matrices of them: every method and spelling of
 * each request, failing when a login, a customer or a pending token changed.
 */
export const routeMatrix = (
  api: AxiosInstance,
  getContainer: () => MedusaContainer,
  headers: () => Record<string, string>
) => {
  const send = (method: string, request: MatrixRequest) =>
    api
      .request({
        method,
        url: request.path,
        data: request.body,
        headers: {
          ...headers(),
          ...(request.token
            ? { authorization: `Bearer ${request.token}` }
            : {}),
        },
      })
      .catch(failure)

  const sendMatrix = async (
    label: string,
    requests: MatrixRequest[]
  ): Promise<Outcome[]> => {
    const before = await snapshot(getContainer())
    const outcomes: Outcome[] = []
    for (const request of requests) {
      for (const path of spellingsOf(request.path)) {
        for (const method of METHODS) {
          const response = await send(method, { ...request, path })
          outcomes.push({
            case: `${label}: ${method} ${path}`,
            status: response.status,
            token: hasToken(response.data),
          })
        }
      }
    }
    expect({ label, state: await snapshot(getContainer()) }).toEqual({
      label,
      state: before,
    })
    return outcomes
  }

  /**
   * No case of the matrix answered with a token or a success, nor with a
   * server error (bad input is a 4xx).
   */
  const expectAllRefused = (outcomes: Outcome[]) => {
    const through = outcomes.filter(
      (outcome) =>
        outcome.token || outcome.status < 400 || outcome.status >= 500
    )
    expect(through).toEqual([])
    expect(outcomes.length).toBeGreaterThan(0)
  }

  return { send, sendMatrix, expectAllRefused }
}
