import {
  GENERATED_PASSWORD_LENGTH,
  generatePassword,
} from "../src/modules/credentials/utils/generate-password"
import {
  checkPasswordRules,
  passwordPolicyMessage,
  unmetPasswordRules,
  type PasswordPolicyRules,
} from "../src/modules/credentials/utils/password-policy"

/** Every combination of the policy's switches, at a few minimum lengths. */
const policies: PasswordPolicyRules[] = [8, 16, 24, 40].flatMap((min_length) =>
  [0, 1, 2, 3, 4, 5, 6, 7].map((bits) => ({
    min_length,
    require_uppercase: Boolean(bits & 1),
    require_digit: Boolean(bits & 2),
    require_special: Boolean(bits & 4),
  }))
)

describe("generatePassword", () => {
  it.each(policies.map((policy) => [JSON.stringify(policy), policy]))(
    "meets the policy %s, at least 16 characters, every time",
    (_name, policy) => {
      for (let i = 0; i < 50; i++) {
        const password = generatePassword(policy as PasswordPolicyRules)
        expect(
          unmetPasswordRules(password, policy as PasswordPolicyRules)
        ).toEqual([])
        expect(password.length).toBe(
          Math.max(
            GENERATED_PASSWORD_LENGTH,
            (policy as PasswordPolicyRules).min_length
          )
        )
        // Lower, upper, digit and special: whatever the policy asks.
        expect(password).toMatch(/[a-z]/)
        expect(password).toMatch(/[A-Z]/)
        expect(password).toMatch(/\d/)
        expect(password).toMatch(/[^A-Za-z0-9]/)
      }
    }
  )

  it("is random: 2,000 passwords are distinct, and every position varies", () => {
    const policy = policies[0]
    const passwords = Array.from({ length: 2_000 }, () =>
      generatePassword(policy)
    )
    expect(new Set(passwords).size).toBe(passwords.length)
    for (let position = 0; position < GENERATED_PASSWORD_LENGTH; position++) {
      const seen = new Set(passwords.map((password) => password[position]))
      // 65 symbols: 2,000 draws leave almost none unseen.
      expect(seen.size).toBeGreaterThan(50)
    }
  })

  it("avoids look-alike characters", () => {
    const all = Array.from({ length: 500 }, () =>
      generatePassword(policies[0])
    ).join("")
    expect(all).not.toMatch(/[0O1lI]/)
  })
})

describe("password policy", () => {
  const policy: PasswordPolicyRules = {
    min_length: 10,
    require_uppercase: true,
    require_digit: true,
    require_special: true,
  }

  it.each([
    ["Abcdefgh1!", []],
    ["abcdefgh1!", ["must contain a capital letter"]],
    ["Abcdefghi!", ["must contain a digit"]],
    ["Abcdefghi1", ["must contain a special character such as ! ? # or %"]],
    ["Abc1!", ["must be at least 10 characters long"]],
    // Characters, not UTF-16 units: five emoji are five characters.
    ["A1!😀😀😀😀😀", ["must be at least 10 characters long"]],
    ["Ünïcödé12!", []],
  ])("%s → %j", (password, unmet) => {
    expect(unmetPasswordRules(password, policy)).toEqual(unmet)
  })

  it("checks only the rules the store turned on", () => {
    const lenient = {
      ...policy,
      require_uppercase: false,
      require_digit: false,
      require_special: false,
    }
    expect(
      checkPasswordRules("abcdefghij", lenient).map((r) => r.rule)
    ).toEqual(["min_length"])
    expect(unmetPasswordRules("abcdefghij", lenient)).toEqual([])
  })

  it("states every unmet rule in one sentence", () => {
    expect(passwordPolicyMessage(unmetPasswordRules("abc", policy))).toBe(
      "The password does not meet the password policy: it must be at least 10 characters long, it must contain a capital letter, it must contain a digit, it must contain a special character such as ! ? # or %."
    )
  })
})
