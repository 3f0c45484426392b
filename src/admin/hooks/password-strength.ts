import type { ZxcvbnFactory } from "@zxcvbn-ts/core"
import { useEffect, useMemo, useState } from "react"
import {
  loadStrengthEstimator,
  scorePassword,
  type StrengthScore,
} from "../lib/password-strength"

/**
 * The live strength of a password (null while the estimator loads, or for an
 * empty password). `userInputs` (email, names) score as guessable. The
 * estimator is loaded once `enabled` (the form is open), not before.
 */
export const usePasswordStrength = (
  password: string,
  userInputs: string[],
  enabled = true
): { score: StrengthScore | null; ready: boolean } => {
  const [zxcvbn, setZxcvbn] = useState<ZxcvbnFactory | null>(null)

  useEffect(() => {
    if (!enabled || zxcvbn) {
      return
    }
    let active = true
    loadStrengthEstimator()
      .then((loaded) => active && setZxcvbn(loaded))
      .catch(() => {
        // No meter rather than a broken form: the policy checklist and the
        // server's checks still apply.
      })
    return () => {
      active = false
    }
  }, [enabled, zxcvbn])

  const inputs = userInputs.join("\n")
  const score = useMemo(
    () =>
      zxcvbn && password
        ? scorePassword(zxcvbn, password, inputs.split("\n").filter(Boolean))
        : null,
    [zxcvbn, password, inputs]
  )

  return { score, ready: zxcvbn !== null }
}
