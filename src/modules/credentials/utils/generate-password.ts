import { randomInt } from "node:crypto"
import type { PasswordPolicyRules } from "./password-policy"

// No look-alikes (0/O, 1/l/I) so a password read from an email is typed right.
const LOWER = "abcdefghijkmnopqrstuvwxyz"
const UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ"
const DIGITS = "23456789"
const SPECIAL = "!#%+-=?@_"

export const GENERATED_PASSWORD_LENGTH = 16

/**
 * A random password from the OS's CSPRNG that meets the policy: at least
 * 16 characters (about 95 bits), with one of each required class.
 */
export const generatePassword = (policy: PasswordPolicyRules): string => {
  const length = Math.max(GENERATED_PASSWORD_LENGTH, policy.min_length)
  const pick = (alphabet: string) => alphabet[randomInt(alphabet.length)]

  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SPECIAL)]
  const all = LOWER + UPPER + DIGITS + SPECIAL
  while (chars.length < length) {
    chars.push(pick(all))
  }
  // Fisher-Yates, so the required classes are not always at the front.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    ;[chars[i], chars[j]] = [chars[j], chars[i]]
  }
  return chars.join("")
}
