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
 */
export const validateBody = (schema: z.ZodType) => {
  const validate = validateAndTransformBody(schema)
  return (
    req: MedusaRequest,
    res: MedusaResponse,
    next: MedusaNextFunction
  ) => {
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
