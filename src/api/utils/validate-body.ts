import {
  validateAndTransformBody,
  type MedusaNextFunction,
  type MedusaRequest,
  type MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type { z } from "@medusajs/framework/zod"

/** "password_policy.min_length: Invalid input…; email: …" from zod's issues. */
export const describeIssues = (error: z.ZodError) =>
  error.issues
    .slice(0, 5)
    .map((issue) =>
      issue.path.length
        ? `${issue.path.map(String).join(".")}: ${issue.message}`
        : issue.message
    )
    .join("; ")

/**
 * The first string (value or key) in the body that PostgreSQL cannot store,
 * with its path:
 * one holding the NUL character, or half of a UTF-16 surrogate pair (JSON
 * can carry both: `"\u0000"`, `"\ud83d"`). Found by the fuzz tests: such a
 * value reached the database and was answered 500.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDFFF]/u

const unstorableString = (
  value: unknown,
  path: string[] = []
): string[] | null => {
  if (typeof value === "string") {
    return UNSTORABLE.test(value) ? path : null
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (UNSTORABLE.test(key)) {
        return [...path, JSON.stringify(key)]
      }
      const found = unstorableString(item, [...path, key])
      if (found) {
        return found
      }
    }
  }
  return null
}

/** The 400's message for a body holding a string the database cannot store, or null. */
const unstorableMessage = (body: unknown): string | null => {
  const unstorable = unstorableString(body)
  return unstorable
    ? `Invalid request body: ${unstorable.join(".") || "the body"}: must not contain the NUL character or half of a surrogate pair`
    : null
}

/**
 * The fields core's `/auth` routes read as strings (emailpass, reset,
 * update, verification). Core formats a wrong type's message with the
 * value, which throws for an object that cannot become a string (a 500).
 */
const AUTH_STRING_FIELDS = [
  "email",
  "password",
  "identifier",
  "code",
  "entity_id",
  "entity_type",
]

/**
 * What is wrong with a body sent under `/auth`, before any route (core's or
 * the plugin's) reads it, or null: a string PostgreSQL cannot store, or a
 * non-string where core reads a string. Answered 400 naming the field
 * instead of a 500.
 */
export const unreadableAuthBody = (body: unknown): string | null => {
  if (!body || typeof body !== "object") {
    return null
  }
  const unstorable = unstorableMessage(body)
  if (unstorable) {
    return unstorable
  }
  const fields = body as Record<string, unknown>
  const notString = AUTH_STRING_FIELDS.find(
    (field) => field in fields && typeof fields[field] !== "string"
  )
  return notString
    ? `Invalid request body: ${notString}: must be a string`
    : null
}

/** Fields whose values must never be written back into a message (or a log). */
const SECRET_FIELD = /(^|_)(password|token|secret|code)$/i

/**
 * Core's `validateAndTransformBody`, with two repairs:
 * - core words a wrong type's message with the value it received
 *   (`got: '${value}'`). For a field that holds a secret (a password, a
 *   token) that value would go back to the client and into the server's log
 *   (Medusa logs 400s): such a body is answered from zod's own issues,
 *   without the value;
 * - the same wording throws a TypeError, answered as a 500, for an object
 *   that cannot become a string (`{ "toString": [] }`, found by the fuzz
 *   tests): answered like every other invalid body.
 * And it refuses, before the schema, a string the database cannot store
 * (`unstorableString`).
 */
export const validateBody = (schema: z.ZodType) => {
  const validate = validateAndTransformBody(schema)
  return (
    req: MedusaRequest,
    res: MedusaResponse,
    next: MedusaNextFunction
  ) => {
    const unstorable = unstorableMessage(req.body)
    if (unstorable) {
      return next(new MedusaError(MedusaError.Types.INVALID_DATA, unstorable))
    }
    const parsed = schema.safeParse(req.body)
    if (
      !parsed.success &&
      parsed.error.issues.some((issue) =>
        issue.path.some((key) => SECRET_FIELD.test(String(key)))
      )
    ) {
      return next(
        new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `Invalid request body: ${describeIssues(parsed.error)}`
        )
      )
    }
    return validate(req, res, (error?: unknown) => {
      if (error === undefined || error instanceof MedusaError) {
        return next(error)
      }
      return next(
        new MedusaError(
          MedusaError.Types.INVALID_DATA,
          parsed.success
            ? "The request body could not be read"
            : `Invalid request body: ${describeIssues(parsed.error)}`
        )
      )
    })
  }
}
