import { Checkbox, Hint, Input, Label } from "@medusajs/ui"
import { useId } from "react"
import type { PasswordFieldsState } from "../hooks/password-fields"
import { credentialsLabels, durationLabel } from "../labels/credentials"
import { expiryFromNow, formatDateTime } from "../lib/format"
import { RECOMMENDED_STRENGTH } from "../lib/password-strength"
import type { CredentialSettings } from "../lib/types"
import { PasswordPolicyChecklist } from "./password-policy-checklist"
import { PasswordStrengthMeter } from "./password-strength-meter"

const labels = credentialsLabels.passwordForm

/** Under Temporary password: what the choice means for the customer. */
const temporaryHint = (fields: PasswordFieldsState, minutes: number) =>
  fields.forcedTemporary
    ? labels.temporaryForced(
        durationLabel(minutes),
        formatDateTime(expiryFromNow(minutes)) ?? ""
      )
    : fields.temporary
      ? labels.temporaryNoExpiry
      : labels.permanent

/**
 * The password an admin types for a customer's login: the password with
 * its strength meter, the confirmation, the store's policy ticked live,
 * Temporary password and (for a login this password creates) Email
 * confirmed. The blocks are siblings: the caller's flex column spaces them.
 * The state lives in `usePasswordFields`.
 */
export const PasswordFields = ({
  fields,
  settings,
  passwordHint,
  passwordError,
  confirmError,
  onEdit,
  explainTemporary = false,
  offerEmailConfirmed,
}: {
  fields: PasswordFieldsState
  settings: CredentialSettings
  /** Under the password, e.g. what an empty one means. */
  passwordHint?: string
  /** The server's refusal of the password or of its confirmation. */
  passwordError?: string | null
  confirmError?: string | null
  /** Either field typed in (to clear a server error). */
  onEdit?: () => void
  /** Say under Temporary password what the choice means. */
  explainTemporary?: boolean
  /** The password creates the login: the admin may confirm its email. */
  offerEmailConfirmed: boolean
}) => {
  const id = useId()
  const minStrength = settings.password_policy.min_strength
  return (
    <>
      <div className="flex flex-col gap-y-2">
        <Label htmlFor={`${id}-password`} size="small" weight="plus">
          {labels.password}
        </Label>
        <Input
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete="new-password"
          value={fields.password}
          aria-invalid={Boolean(passwordError)}
          onChange={(event) => {
            fields.setPassword(event.target.value)
            onEdit?.()
          }}
        />
        {passwordError && (
          <Hint variant="error" data-testid="password-error">
            {passwordError}
          </Hint>
        )}
        {passwordHint && <Hint>{passwordHint}</Hint>}
        <PasswordStrengthMeter
          score={fields.strength.score}
          ready={fields.strength.ready}
          labels={{
            strength: labels.strength,
            levels: labels.strengthLevels,
            pending: labels.strengthPending,
            hint: labels.strengthHint(
              labels.strengthLevels[RECOMMENDED_STRENGTH],
              minStrength > 0 ? labels.strengthLevels[minStrength] : null
            ),
          }}
        />
      </div>

      <div className="flex flex-col gap-y-2">
        <Label htmlFor={`${id}-confirm`} size="small" weight="plus">
          {labels.confirmPassword}
        </Label>
        <Input
          id={`${id}-confirm`}
          name="confirm_password"
          type="password"
          autoComplete="new-password"
          value={fields.confirm}
          aria-invalid={fields.mismatch || Boolean(confirmError)}
          onChange={(event) => {
            fields.setConfirm(event.target.value)
            onEdit?.()
          }}
        />
        {(confirmError || fields.mismatch) && (
          <Hint variant="error" data-testid="confirm-error">
            {confirmError ?? labels.confirmMismatch}
          </Hint>
        )}
      </div>

      <PasswordPolicyChecklist
        password={fields.password}
        policy={settings.password_policy}
        labels={{
          title: labels.policy,
          met: labels.ruleMet,
          unmet: labels.ruleUnmet,
        }}
      />

      <div className="flex items-start gap-x-3">
        <Checkbox
          id={`${id}-temporary`}
          checked={fields.temporary}
          disabled={fields.forcedTemporary}
          onCheckedChange={(checked) => fields.setTemporary(checked === true)}
        />
        <div className="flex flex-col gap-y-1">
          <Label htmlFor={`${id}-temporary`} size="small" weight="plus">
            {labels.temporary}
          </Label>
          {explainTemporary && (
            <Hint data-testid="temporary-hint">
              {temporaryHint(
                fields,
                settings.password_ticket_expiration_minutes
              )}
            </Hint>
          )}
        </div>
      </div>

      {offerEmailConfirmed && (
        <div className="flex items-start gap-x-3">
          <Checkbox
            id={`${id}-email-confirmed`}
            checked={fields.emailConfirmed}
            onCheckedChange={(checked) =>
              fields.setEmailConfirmed(checked === true)
            }
          />
          <div className="flex flex-col gap-y-1">
            <Label htmlFor={`${id}-email-confirmed`} size="small" weight="plus">
              {labels.emailConfirmed}
            </Label>
            <Hint data-testid="email-confirmed-hint">
              {fields.emailConfirmed
                ? labels.emailConfirmedOn
                : labels.emailConfirmedOff}
            </Hint>
          </div>
        </div>
      )}
    </>
  )
}
