import {
  validateAndTransformBody,
  type MedusaNextFunction,
  type MedusaRequest,
  type MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type { z } from "@medusajs/framework/zod"

/** "password_policy.min_length: Invalid input…; email: …" from zod's issues. */
const describeIssues = (error: z.ZodError) =>
  error.issues
    .slice(0, 5)
    .map((issue) =>
      issue.path.length
        ? `${issue.path.map(String).join(".")}: ${issue.message}`
        : issue.message
    )
    .join("; ")

/**
 * Core's `validateAndTransformBody`, with one repair: core words a wrong
 * type's message with the value it received (`got: '${value}'`), which
 * throws a TypeError, answered as a 500, for an object that cannot become a
 * string (`{ "toString": [] }`, found by the fuzz tests). Such a body is
 * answered as every other invalid body is: 400 with what is wrong, worded
 * from zod's own issues, without the value.
 */
export const validateBody = (schema: z.ZodType) => {
  const validate = validateAndTransformBody(schema)
  return (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) =>
    validate(req, res, (error?: unknown) => {
      if (error === undefined || error instanceof MedusaError) {
        return next(error)
      }
      const parsed = schema.safeParse(req.body)
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
