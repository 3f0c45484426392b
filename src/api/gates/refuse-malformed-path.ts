import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { refuse } from "../utils/refuse"

/**
 * A path with a malformed percent-encoding (`%ff`, a lone `%`, an encoded
 * lone surrogate) gets a 400. Express throws while it decodes a route's
 * parameters (`/auth/*`, `/store/*` have one), and Medusa answers that error
 * with a 500. Registered on the bare prefixes (`/auth`, `/store`), which have
 * no parameter to decode, this runs before any layer that has one.
 */
export const refuseMalformedPath = (
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) => {
  try {
    decodeURIComponent(req.originalUrl.split("?")[0])
  } catch {
    return refuse(res, {
      status: 400,
      code: "malformed_path",
      message:
        "This address holds a malformed percent-encoding: each % must be followed by two hexadecimal digits that encode valid UTF-8.",
    })
  }
  next()
}
