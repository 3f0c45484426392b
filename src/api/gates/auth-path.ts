/**
 * What a request under `/auth` asks for, read the way Express routes it:
 * Express matches routes case-insensitively, accepts one trailing slash, and
 * decodes route parameters (`/auth/customer/emailpas%73` reaches core's
 * `/auth/:actor_type/:auth_provider` with `auth_provider = "emailpass"`).
 * The plugin classifies the decoded, lower-cased path, so a gate holds for
 * every spelling core answers to, and refuses spellings that are not the
 * canonical one outright (see `gate-auth-routes.ts`).
 */
export type AuthPath =
  | {
      kind: "provider"
      actor_type: string
      provider: string
      /** `authenticate` is `/auth/:actor_type/:auth_provider` itself. */
      action:
        | "authenticate"
        | "register"
        | "reset-password"
        | "update"
        | "callback"
        | "other"
    }
  /** Core's `GET /auth/:actor_type/providers`: the providers an actor may use. */
  | { kind: "providers" }
  | { kind: "token-refresh" }
  | { kind: "session" }
  | { kind: "verification" }
  | { kind: "mfa" }
  | { kind: "other" }

export type ParsedAuthPath =
  { ok: true; path: AuthPath; canonical: boolean } | { ok: false }

const PLAIN_ASCII = /^[\x21-\x7e]+$/
const RESERVED = new Set(["session", "token", "verification", "mfa"])
const ACTIONS = new Set(["register", "reset-password", "update", "callback"])

/** MFA routes carry ids (`/auth/mfa/factors/:id`), whose case is theirs. */
const isIdSegment = (segments: string[], index: number) =>
  segments[0] === "mfa" && index === 2

export const parseAuthPath = (originalUrl: string): ParsedAuthPath => {
  const raw = originalUrl.split("?")[0]
  const rawSegments = raw.split("/").slice(1)
  if (rawSegments.length > 1 && rawSegments[rawSegments.length - 1] === "") {
    rawSegments.pop() // one trailing slash: Express routes it as without
  }
  let decoded: string[]
  try {
    decoded = rawSegments.map((segment) => decodeURIComponent(segment))
  } catch {
    return { ok: false }
  }
  // Route words and provider ids are plain ASCII: a segment with anything
  // else (control characters, spaces, letters that only look alike) is not
  // a spelling of one, whatever a later Express or Unicode rule would make
  // of it.
  if (
    decoded.some(
      (segment) =>
        segment === "" || segment.includes("/") || !PLAIN_ASCII.test(segment)
    )
  ) {
    return { ok: false }
  }
  const lowered = decoded.map((segment) => segment.toLowerCase())
  const segments = lowered.slice(1) // after "auth"
  const canonical = rawSegments.every(
    (segment, index) =>
      segment ===
      (isIdSegment(segments, index - 1) ? decoded[index] : lowered[index])
  )

  const [first, second, third] = segments
  if (!first) {
    return { ok: true, canonical, path: { kind: "other" } }
  }
  if (RESERVED.has(first)) {
    if (first === "token" && second === "refresh" && segments.length === 2) {
      return { ok: true, canonical, path: { kind: "token-refresh" } }
    }
    const kind = first === "token" ? "other" : first
    return {
      ok: true,
      canonical,
      path: { kind } as AuthPath,
    }
  }
  if (!second || segments.length > 3) {
    return { ok: true, canonical, path: { kind: "other" } }
  }
  if (second === "providers" && segments.length === 2) {
    return { ok: true, canonical, path: { kind: "providers" } }
  }
  return {
    ok: true,
    canonical,
    path: {
      kind: "provider",
      actor_type: first,
      provider: second,
      action: !third
        ? "authenticate"
        : ACTIONS.has(third)
          ? (third as "register")
          : "other",
    },
  }
}
