import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { PasswordPolicy } from "../../../modules/credentials/types"
import { generatePassword } from "../../../modules/credentials/utils/generate-password"

export const generatePasswordStepId = "generate-password"

/** A random password (OS CSPRNG) that meets the store's policy. */
export const generatePasswordStep = createStep(
  generatePasswordStepId,
  async (policy: PasswordPolicy) => {
    return new StepResponse(generatePassword(policy))
  }
)
