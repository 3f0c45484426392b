import fc from "fast-check"

/** What a route's field takes; the generators below never produce that. */
export type FieldKind = "string" | "boolean" | "int" | "object" | "array"

export type FuzzedRoute = {
  name: string
  path: string
  fields: Record<string, FieldKind>
  /** The route's schema refuses unknown keys (`.strict()`). */
  strict: boolean
  /** The bearer sent: an admin's, a customer's session, a sign-in's account-selection token. */
  auth: "admin" | "customer" | "selection" | "none"
}

const POISON_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "$where",
  "'; DROP TABLE customer; --",
  "email\u0000",
  "𝔭𝔞𝔰𝔰𝔴𝔬𝔯𝔡",
]

const NASTY_STRINGS = [
  "' OR '1'='1' --",
  "admin@example.com'; DROP TABLE auth_identity; --",
  "\u0000\u0000\u0000",
  "{{constructor.constructor('return process')()}}",
  "<script>alert(1)</script>",
  "../../../../etc/passwd",
  "Ｐａｓｓ\u202e\u200b🙂",
]

/** Strings a route must treat as data: SQL, null bytes, unicode, huge. */
export const nastyString = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: "binary", maxLength: 64 }),
  fc
    .tuple(
      fc.constantFrom(...NASTY_STRINGS),
      fc.integer({ min: 2000, max: 20000 })
    )
    .map(([text, times]) => text.repeat(times).slice(0, 60_000))
)

const smallAnything = fc.anything({ maxDepth: 2, maxKeys: 4 })

/** A value of any kind except `kind`, so the body can never be valid. */
export const wrongValue = (kind: FieldKind): fc.Arbitrary<unknown> => {
  const notString = [
    fc.integer(),
    fc.boolean(),
    fc.array(nastyString, { maxLength: 3 }),
    fc.dictionary(nastyString, smallAnything, { maxKeys: 3 }),
  ]
  switch (kind) {
    case "string":
      return fc.oneof(...notString)
    case "boolean":
      return fc.oneof(
        nastyString,
        fc.integer(),
        fc.array(fc.boolean(), { maxLength: 3 }),
        fc.dictionary(nastyString, smallAnything, { maxKeys: 3 })
      )
    case "int":
      return fc.oneof(
        nastyString,
        fc.integer({ max: -1 }),
        fc.double({ noInteger: true, noNaN: true }),
        fc.array(fc.integer(), { maxLength: 3 })
      )
    case "object":
      return fc.oneof(
        nastyString,
        fc.integer(),
        fc.boolean(),
        fc.array(smallAnything, { maxLength: 3 })
      )
    case "array":
      return fc.oneof(
        nastyString,
        fc.integer(),
        fc.boolean(),
        fc.dictionary(nastyString, smallAnything, { maxKeys: 3 })
      )
  }
}

/**
 * Bodies a route must refuse with a 4xx: values of the wrong type in every
 * known field, unknown (prototype-polluting, SQL-looking) keys on a strict
 * route, or a body that is not an object at all.
 */
export const invalidBody = (route: FuzzedRoute): fc.Arbitrary<unknown> => {
  const names = Object.keys(route.fields)
  const allWrong = fc.record(
    Object.fromEntries(
      names.map((name) => [name, wrongValue(route.fields[name])])
    )
  )
  const kinds: fc.Arbitrary<unknown>[] = [
    fc.oneof(
      nastyString,
      fc.integer(),
      fc.array(smallAnything, { maxLength: 4 })
    ),
  ]
  if (names.length) {
    kinds.push(allWrong)
  }
  if (route.strict) {
    kinds.push(
      fc
        .tuple(
          fc.constantFrom(...POISON_KEYS),
          // JSON drops an undefined value, and the key with it.
          smallAnything.filter((value) => value !== undefined),
          fc.record(
            Object.fromEntries(names.map((name) => [name, smallAnything])),
            { requiredKeys: [] }
          )
        )
        .map(([key, value, rest]) => {
          // A JSON body can carry "__proto__" as an own key: build it the same way.
          const body = JSON.parse(JSON.stringify(rest)) as Record<
            string,
            unknown
          >
          Object.defineProperty(body, key, {
            value,
            enumerable: true,
            configurable: true,
            writable: true,
          })
          return body
        })
    )
  }
  return fc.oneof(...kinds)
}

/**
 * Strings a handler and PostgreSQL must treat as data, one kind each: NUL,
 * SQL, 60,000 characters, right-to-left and zero-width marks, emoji, full
 * width letters, halves of surrogate pairs, markup and template syntax.
 */
export const HOSTILE_STRINGS: Record<string, string> = {
  nul: "a\u0000b",
  nuls: "\u0000\u0000\u0000",
  sql: "x'); DROP TABLE customer; --",
  "sql or": "' OR '1'='1' --",
  huge: "A".repeat(60_000),
  "huge sql": "'; --".repeat(12_000),
  rtl: "\u202eevil\u200b",
  emoji: "🙂🙃👩‍👩‍👧",
  "full width": "Ｐａｓｓ",
  "lone high surrogate": "a\ud83db",
  "lone low surrogate": "\udc00",
  markup: "<script>alert(1)</script>",
  template: "{{constructor.constructor('return process')()}}",
  path: "../../../../etc/passwd",
}

/**
 * A hostile string: one of the kinds above, two of them joined, or a short
 * generated one (any code point, control characters and surrogate halves
 * included; or emoji and other multi-code-point characters).
 */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...Object.values(HOSTILE_STRINGS)),
  fc
    .tuple(
      fc.constantFrom(...Object.values(HOSTILE_STRINGS)),
      fc.constantFrom(...Object.values(HOSTILE_STRINGS))
    )
    .map(([a, b]) => `${a}${b}`.slice(0, 60_000)),
  fc.string({ unit: "binary", minLength: 1, maxLength: 40 }),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 })
)

/** Each kind above once, as fast-check `examples` (run before the random ones). */
export const EVERY_HOSTILE_STRING: [string][] = Object.values(
  HOSTILE_STRINGS
).map((value) => [value])

/** What PostgreSQL can store as text: no NUL, no half of a surrogate pair. */
export const storable = (value: string) =>
  !/\u0000|[\uD800-\uDFFF]/u.test(value)
