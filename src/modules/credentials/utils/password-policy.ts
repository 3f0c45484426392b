/**
 * The store's password rules, as a pure function with no imports so the
 * server and the admin bundle share the exact same rules and messages.
 */
export type PasswordPolicyRules = {
  min_length: number
  require_uppercase: boolean
  require_digit: boolean
  require_special: boolean
}

export type PasswordRule =
  "min_length" | "require_uppercase" | "require_digit" | "require_special"

export type PasswordRuleResult = {
  rule: PasswordRule
  message: string
  met: boolean
}

/** The longest password accepted: bounds the cost of hashing an attacker's input. */
export const MAX_PASSWORD_LENGTH = 256

const SPECIAL = /[^A-Za-z0-9]/

/** Every rule the policy turns on, each with whether the password meets it. */
export const checkPasswordRules = (
  password: string,
  policy: PasswordPolicyRules
): PasswordRuleResult[] => {
  const results: PasswordRuleResult[] = [
    {
      rule: "min_length",
      message: `must be at least ${policy.min_length} characters long`,
      met: [...password].length >= policy.min_length,
    },
  ]
  if (policy.require_uppercase) {
    results.push({
      rule: "require_uppercase",
      message: "must contain a capital letter",
      met: /\p{Lu}/u.test(password),
    })
  }
  if (policy.require_digit) {
    results.push({
      rule: "require_digit",
      message: "must contain a digit",
      met: /\d/.test(password),
    })
  }
  if (policy.require_special) {
    results.push({
      rule: "require_special",
      message: "must contain a special character such as ! ? # or %",
      met: SPECIAL.test(password),
    })
  }
  return results
}

/** The messages of the rules the password does not meet (empty: it passes). */
export const unmetPasswordRules = (
  password: string,
  policy: PasswordPolicyRules
): string[] =>
  checkPasswordRules(password, policy)
    .filter((result) => !result.met)
    .map((result) => result.message)

/** The one sentence every refusal of a weak password uses. */
export const passwordPolicyMessage = (unmet: string[]): string =>
  `The password does not meet the password policy: it ${unmet.join(", it ")}.`
