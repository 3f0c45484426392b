import { ZxcvbnFactory } from "@zxcvbn-ts/core"
import * as common from "@zxcvbn-ts/language-common"
import * as en from "@zxcvbn-ts/language-en"
import { DEFAULT_SETTINGS } from "../src/modules/credentials/settings-schema"
import { unmetPasswordPolicy } from "../src/modules/credentials/utils/check-new-password"
import { generatePassword } from "../src/modules/credentials/utils/generate-password"
import {
  scorePassword,
  STRENGTH_SCORED_LENGTH,
} from "../src/modules/credentials/utils/password-strength"

// The estimator as `loadStrengthEstimator` builds it (that one loads its
// dictionaries with import(), which Jest runs only with VM modules).
const zxcvbn = new ZxcvbnFactory({
  maxLength: STRENGTH_SCORED_LENGTH,
  translations: en.translations,
  graphs: common.adjacencyGraphs,
  dictionary: { ...common.dictionary, ...en.dictionary },
})

describe("password strength", () => {
  it("scores generated passwords 4 (excellent), whatever the policy: a store's minimum never refuses them", () => {
    for (const min_length of [6, 8, 16, 40]) {
      for (let i = 0; i < 20; i++) {
        const password = generatePassword({
          ...DEFAULT_SETTINGS.password_policy,
          min_length,
        })
        expect(scorePassword(zxcvbn, password, [])).toBe(4)
      }
    }
  })

  it("scores a password that meets the character rules but is guessable below strong", () => {
    expect(scorePassword(zxcvbn, "Password1!", [])).toBeLessThan(3)
    expect(scorePassword(zxcvbn, "Xk9#mQ2v!Lp7$wR4", [])).toBe(4)
  })

  it("does not load the estimator while the store asks for no minimum", async () => {
    expect(
      await unmetPasswordPolicy("Password1!", DEFAULT_SETTINGS.password_policy)
    ).toEqual([])
  })
})
