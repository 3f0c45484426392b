import type { PasswordPolicy } from "../settings-schema"
import { unmetPasswordRules } from "./password-policy"
import {
  loadStrengthEstimator,
  scorePassword,
  STRENGTH_LEVELS,
} from "./password-strength"

/** The sentence (after "it") for a password below the store's minimum strength. */
export const strengthMessage = (score: number, minimum: number) =>
  `is too easy to guess (strength "${STRENGTH_LEVELS[score]}", this store asks for at least "${STRENGTH_LEVELS[minimum]}"): use a longer password, with fewer words, names, dates or keyboard patterns`

/**
 * Every rule of the store's policy the password does not meet (empty: it
 * passes): the length and character rules, and, when the store asks for a
 * minimum strength, the zxcvbn score (words the customer is known by, such
 * as their email, count as guessable). Every path that sets a password asks
 * this: registration, activation, reset, the customer's own change and the
 * admin's manual entry.
 */
export const unmetPasswordPolicy = async (
  password: string,
  policy: PasswordPolicy,
  userInputs: string[] = []
): Promise<string[]> => {
  const unmet = unmetPasswordRules(password, policy)
  if (policy.min_strength > 0) {
    const score = scorePassword(
      await loadStrengthEstimator(),
      password,
      userInputs.filter(Boolean)
    )
    if (score < policy.min_strength) {
      unmet.push(strengthMessage(score, policy.min_strength))
    }
  }
  return unmet
}
