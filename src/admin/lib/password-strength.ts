import type { ZxcvbnFactory } from "@zxcvbn-ts/core"

/** zxcvbn's score: 0 weak, 1 acceptable, 2 average, 3 strong, 4 excellent. */
export type StrengthScore = 0 | 1 | 2 | 3 | 4

let estimator: Promise<ZxcvbnFactory> | undefined

/**
 * The zxcvbn-ts estimator with the common and English dictionaries. The
 * dictionaries weigh about 1.5 MB, so they are loaded on first use (when the
 * "Enter new password" drawer opens), in a chunk of their own, once.
 */
export const loadStrengthEstimator = (): Promise<ZxcvbnFactory> => {
  estimator ??= Promise.all([
    import("@zxcvbn-ts/core"),
    import("@zxcvbn-ts/language-common"),
    import("@zxcvbn-ts/language-en"),
  ])
    .then(
      ([core, common, en]) =>
        new core.ZxcvbnFactory({
          translations: en.translations,
          graphs: common.adjacencyGraphs,
          dictionary: { ...common.dictionary, ...en.dictionary },
        })
    )
    .catch((error: unknown) => {
      estimator = undefined // let a later attempt load it again
      throw error
    })
  return estimator
}

/** The score of a password; words the customer is known by count as weak. */
export const scorePassword = (
  zxcvbn: ZxcvbnFactory,
  password: string,
  userInputs: string[]
): StrengthScore => zxcvbn.check(password, userInputs).score as StrengthScore
