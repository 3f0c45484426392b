import type { ZxcvbnFactory } from "@zxcvbn-ts/core"

/**
 * The password strength estimator (zxcvbn-ts, MIT), shared by the admin's
 * meter and the server's check of a store's minimum strength, so both give
 * a password the same score. Imports nothing else: the admin bundle loads it.
 */

/** zxcvbn's score: 0 weak, 1 acceptable, 2 average, 3 strong, 4 excellent. */
export type StrengthScore = 0 | 1 | 2 | 3 | 4

/** Each score's name, as the messages say it. */
export const STRENGTH_LEVELS = [
  "weak",
  "acceptable",
  "average",
  "strong",
  "excellent",
] as const

/** What the admin's and the storefront's forms recommend: "strong". */
export const RECOMMENDED_STRENGTH: StrengthScore = 3

/**
 * The characters scored (zxcvbn's `maxLength`; the rest is ignored). The
 * estimate's cost grows fast with length (a random 64-character password
 * took 0.7 s of CPU on the server, 32 characters at most about 0.3 s), and
 * 32 characters are enough for any score.
 */
export const STRENGTH_SCORED_LENGTH = 32

let estimator: Promise<ZxcvbnFactory> | undefined

/**
 * The zxcvbn-ts estimator with the common and English dictionaries. The
 * dictionaries weigh about 1.5 MB (some 45 MB of server memory), so they are
 * loaded on first use (when the "Enter new password" drawer opens; on the
 * server, when a store first asks for a minimum strength), once.
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
          maxLength: STRENGTH_SCORED_LENGTH,
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
