import {
  Alert,
  Button,
  Checkbox,
  Drawer,
  Hint,
  Input,
  Label,
  toast,
} from "@medusajs/ui"
import { useEffect, useId, useState, type FormEvent } from "react"
import { useSetCustomerPassword } from "../hooks/customer-credentials"
import { usePasswordStrength } from "../hooks/password-strength"
import { credentialsLabels, durationLabel } from "../labels/credentials"
import { errorMessage } from "../lib/errors"
import { expiryFromNow, formatDateTime } from "../lib/format"
import type { CredentialSettings, SetCustomerPasswordBody } from "../lib/types"
import { PasswordPolicyChecklist } from "./password-policy-checklist"
import { PasswordStrengthMeter } from "./password-strength-meter"
import { RECOMMENDED_STRENGTH } from "../lib/password-strength"

const labels = credentialsLabels.passwordForm

type Customer = {
  id: string
  email: string
  first_name?: string | null
  last_name?: string | null
}

type ServerError = { field: "password" | "confirm" | "form"; message: string }

/** Puts the API's message next to the field it is about. */
const placeError = (message: string): ServerError => {
  if (/confirmation differ/i.test(message)) {
    return { field: "confirm", message }
  }
  if (/password policy/i.test(message)) {
    return { field: "password", message }
  }
  return { field: "form", message }
}

/**
 * "Enter new password": the admin types a password for the customer (only
 * offered while Allow Manual Entry is on). Live strength meter and policy
 * checklist; the server checks the policy again and its errors show inline.
 */
export const EnterPasswordDrawer = ({
  customer,
  settings,
  open,
  onOpenChange,
  createsLogin = false,
  save,
}: {
  customer: Customer
  settings: CredentialSettings
  open: boolean
  onOpenChange: (open: boolean) => void
  /** The customer has no login yet: this password creates it. */
  createsLogin?: boolean
  /**
   * Where the password goes when it is not the customer's own login (a B2B
   * reference's login: the references hook). Default: the customer's.
   */
  save?: {
    mutateAsync: (body: SetCustomerPasswordBody) => Promise<unknown>
    isPending: boolean
  }
}) => {
  const id = useId()
  const [password, setPassword] = useState("")
  const [confirm, setConfirm] = useState("")
  const [temporary, setTemporary] = useState(false)
  const [emailConfirmed, setEmailConfirmed] = useState(false)
  const [serverError, setServerError] = useState<ServerError | null>(null)
  const customerPassword = useSetCustomerPassword(customer.id)
  const { mutateAsync, isPending } = save ?? customerPassword

  useEffect(() => {
    if (!open) {
      setPassword("")
      setConfirm("")
      setTemporary(false)
      setEmailConfirmed(false)
      setServerError(null)
    }
  }, [open])

  const strength = usePasswordStrength(
    password,
    [customer.email, customer.first_name ?? "", customer.last_name ?? ""],
    open
  )

  const minutes = settings.password_ticket_expiration_minutes
  const forcedTemporary = minutes > 0
  const mismatch = confirm.length > 0 && confirm !== password

  const temporaryHint = forcedTemporary
    ? labels.temporaryForced(
        durationLabel(minutes),
        formatDateTime(expiryFromNow(minutes)) ?? ""
      )
    : temporary
      ? labels.temporaryNoExpiry
      : labels.permanent

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setServerError(null)
    try {
      await mutateAsync({
        password,
        confirm_password: confirm,
        temporary: forcedTemporary || temporary,
        ...(createsLogin ? { email_confirmed: emailConfirmed } : {}),
      })
      toast.success(labels.saved(customer.email))
      onOpenChange(false)
    } catch (error) {
      setServerError(
        placeError(errorMessage(error, credentialsLabels.actions.failed))
      )
    }
  }

  const fieldError = (field: ServerError["field"]) =>
    serverError?.field === field ? serverError.message : null

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <form
          onSubmit={submit}
          className="flex flex-1 flex-col overflow-hidden"
          noValidate
        >
          <Drawer.Header>
            <Drawer.Title>{labels.title}</Drawer.Title>
          </Drawer.Header>
          <Drawer.Body className="flex flex-1 flex-col gap-y-6 overflow-y-auto">
            <Drawer.Description className="text-ui-fg-subtle txt-small">
              {labels.description(customer.email)}
            </Drawer.Description>

            {fieldError("form") && (
              <Alert variant="error" data-testid="password-form-error">
                {fieldError("form")}
              </Alert>
            )}

            <div className="flex flex-col gap-y-2">
              <Label htmlFor={`${id}-password`} size="small" weight="plus">
                {labels.password}
              </Label>
              <Input
                id={`${id}-password`}
                name="password"
                type="password"
                autoComplete="new-password"
                value={password}
                aria-invalid={Boolean(fieldError("password"))}
                onChange={(event) => {
                  setPassword(event.target.value)
                  setServerError(null)
                }}
              />
              {fieldError("password") && (
                <Hint variant="error" data-testid="password-error">
                  {fieldError("password")}
                </Hint>
              )}
              <PasswordStrengthMeter
                score={strength.score}
                ready={strength.ready}
                labels={{
                  strength: labels.strength,
                  levels: labels.strengthLevels,
                  pending: labels.strengthPending,
                  hint: labels.strengthHint(
                    labels.strengthLevels[RECOMMENDED_STRENGTH],
                    settings.password_policy.min_strength > 0
                      ? labels.strengthLevels[
                          settings.password_policy.min_strength
                        ]
                      : null
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
                value={confirm}
                aria-invalid={mismatch || Boolean(fieldError("confirm"))}
                onChange={(event) => {
                  setConfirm(event.target.value)
                  setServerError(null)
                }}
              />
              {(fieldError("confirm") || mismatch) && (
                <Hint variant="error" data-testid="confirm-error">
                  {fieldError("confirm") ?? labels.confirmMismatch}
                </Hint>
              )}
            </div>

            <PasswordPolicyChecklist
              password={password}
              policy={settings.password_policy}
              labels={{
                title: labels.policy,
                met: credentialsLabels.passwordForm.ruleMet,
                unmet: credentialsLabels.passwordForm.ruleUnmet,
              }}
            />

            <div className="flex items-start gap-x-3">
              <Checkbox
                id={`${id}-temporary`}
                checked={forcedTemporary || temporary}
                disabled={forcedTemporary}
                onCheckedChange={(checked) => setTemporary(checked === true)}
              />
              <div className="flex flex-col gap-y-1">
                <Label htmlFor={`${id}-temporary`} size="small" weight="plus">
                  {labels.temporary}
                </Label>
                <Hint data-testid="temporary-hint">{temporaryHint}</Hint>
              </div>
            </div>

            {createsLogin && (
              <div className="flex items-start gap-x-3">
                <Checkbox
                  id={`${id}-email-confirmed`}
                  checked={emailConfirmed}
                  onCheckedChange={(checked) =>
                    setEmailConfirmed(checked === true)
                  }
                />
                <div className="flex flex-col gap-y-1">
                  <Label
                    htmlFor={`${id}-email-confirmed`}
                    size="small"
                    weight="plus"
                  >
                    {labels.emailConfirmed}
                  </Label>
                  <Hint data-testid="email-confirmed-hint">
                    {emailConfirmed
                      ? labels.emailConfirmedOn
                      : labels.emailConfirmedOff}
                  </Hint>
                </div>
              </div>
            )}
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                {labels.cancel}
              </Button>
            </Drawer.Close>
            <Button
              size="small"
              type="submit"
              isLoading={isPending}
              disabled={!password}
            >
              {labels.save}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
