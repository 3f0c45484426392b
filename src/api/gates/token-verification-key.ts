import { createPublicKey, createSecretKey, KeyObject } from "node:crypto"
import type { getAuthContextFromJwtToken } from "@medusajs/framework/http"

/** What core's `getAuthContextFromJwtToken` takes as the secret or key. */
type Secret = Parameters<typeof getAuthContextFromJwtToken>[1]

let made: { material: string | Buffer; key: KeyObject } | null = null

/**
 * The key a token is verified with (the store's public key when it set one,
 * else its secret), as the `KeyObject` jsonwebtoken makes of it on every
 * `verify`: it first tries the material as a public key and, for a secret,
 * catches the error and makes a secret key. That thrown error is about half
 * a millisecond of CPU per call; the token gate verifies every customer
 * token on every request, so the key is made once here, the same way.
 * Anything but a string or a Buffer, or material that makes no key, is
 * passed on as it is (jsonwebtoken then answers as it would have).
 */
export const tokenVerificationKey = (
  jwtSecret: Secret | undefined,
  jwtPublicKey?: Secret
): Secret | undefined => {
  const material = jwtPublicKey ?? jwtSecret
  if (typeof material !== "string" && !Buffer.isBuffer(material)) {
    return material
  }
  if (made?.material !== material) {
    let key: KeyObject
    try {
      key = createPublicKey(material)
    } catch {
      try {
        key = createSecretKey(
          typeof material === "string" ? Buffer.from(material) : material
        )
      } catch {
        return material
      }
    }
    made = { material, key }
  }
  return made.key
}
