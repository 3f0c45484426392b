import { parseAuthPath } from "../src/api/gates/auth-path"

/**
 * The `/auth` dispatcher classifies a path the way Express routes it: every
 * spelling Express would route to a core handler must be classified as that
 * handler, and only the canonical spelling counts as canonical. The
 * spellings are generated from each route, not listed.
 */
const ROUTES: [string, object][] = [
  [
    "/auth/customer/emailpass",
    {
      kind: "provider",
      actor_type: "customer",
      provider: "emailpass",
      action: "authenticate",
    },
  ],
  [
    "/auth/customer/emailpass/register",
    {
      kind: "provider",
      actor_type: "customer",
      provider: "emailpass",
      action: "register",
    },
  ],
  [
    "/auth/customer/emailpass/reset-password",
    {
      kind: "provider",
      actor_type: "customer",
      provider: "emailpass",
      action: "reset-password",
    },
  ],
  [
    "/auth/customer/emailpass/update",
    {
      kind: "provider",
      actor_type: "customer",
      provider: "emailpass",
      action: "update",
    },
  ],
  [
    "/auth/customer/oidc/callback",
    {
      kind: "provider",
      actor_type: "customer",
      provider: "oidc",
      action: "callback",
    },
  ],
  [
    "/auth/user/emailpass",
    {
      kind: "provider",
      actor_type: "user",
      provider: "emailpass",
      action: "authenticate",
    },
  ],
  ["/auth/customer/providers", { kind: "providers" }],
  ["/auth/token/refresh", { kind: "token-refresh" }],
  ["/auth/session", { kind: "session" }],
  ["/auth/verification/request", { kind: "verification" }],
]

/** Every letter position of the path after `/auth`, one at a time. */
const letterPositions = (path: string) =>
  [...path]
    .map((char, index) => ({ char, index }))
    .filter(({ char, index }) => index > "/auth".length && /[a-z]/.test(char))
    .map(({ index }) => index)

const spellings = (path: string) => [
  ...letterPositions(path).map((index) => ({
    how: `upper case at ${index}`,
    path:
      path.slice(0, index) + path[index].toUpperCase() + path.slice(index + 1),
  })),
  ...letterPositions(path).map((index) => ({
    how: `percent-encoded at ${index}`,
    path:
      path.slice(0, index) +
      "%" +
      path.charCodeAt(index).toString(16) +
      path.slice(index + 1),
  })),
  ...letterPositions(path).map((index) => ({
    how: `upper-case percent-encoding at ${index}`,
    path:
      path.slice(0, index) +
      "%" +
      path.charCodeAt(index).toString(16).toUpperCase() +
      path.slice(index + 1),
  })),
]

describe("parseAuthPath", () => {
  describe.each(ROUTES)("%s", (route, expected) => {
    it("is canonical as written, with a query or one trailing slash", () => {
      for (const path of [route, `${route}?x=1`, `${route}/`]) {
        expect(parseAuthPath(path)).toEqual({
          ok: true,
          canonical: true,
          path: expected,
        })
      }
    })

    it("classifies every other spelling Express routes the same, and not as canonical", () => {
      const all = spellings(route)
      expect(all.length).toBeGreaterThan(10)
      for (const spelling of all) {
        expect({
          how: spelling.how,
          parsed: parseAuthPath(spelling.path),
        }).toEqual({
          how: spelling.how,
          parsed: { ok: true, canonical: false, path: expected },
        })
      }
    })

    it("refuses a doubled slash, an encoded slash, a NUL, a space or a look-alike letter anywhere", () => {
      const segments = route.split("/")
      for (let i = 2; i < segments.length; i++) {
        for (const bad of ["", "%2f", "%00", "%20", "\u0435"]) {
          const broken = [...segments]
          broken[i] = i % 2 ? `${bad}${segments[i]}` : `${segments[i]}${bad}`
          if (bad === "") {
            broken.splice(i, 0, "")
          }
          expect({
            path: broken.join("/"),
            parsed: parseAuthPath(broken.join("/")),
          }).toEqual({
            path: broken.join("/"),
            parsed: { ok: false },
          })
        }
      }
    })
  })

  it("refuses a malformed percent-encoding", () => {
    expect(parseAuthPath("/auth/customer/emailpas%7")).toEqual({ ok: false })
  })
})
