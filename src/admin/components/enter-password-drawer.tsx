import { Alert, Button, Drawer, toast } from "@medusajs/ui"
import { useEffect, useState, type FormEvent } from "react"
import { useSetCustomerPassword } from "../hooks/customer-credentials"
import { usePasswordFields } from "../hooks/password-fields"
import { credentialsLabels } from "../labels/credentials"
import { errorMessage } from "../lib/errors"
import type { CredentialSettings, SetCustomerPasswordBody } from "../lib/types"
import { PasswordFields } from "./password-fields"

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
  const fields = usePasswordFields({
    settings,
    userInputs: [
      customer.email,
      customer.first_name ?? "",
      customer.last_name ?? "",
    ],
    open,
  })
  const [serverError, setServerError] = useState<ServerError | null>(null)
  const customerPassword = useSetCustomerPassword(customer.id)
  const { mutateAsync, isPending } = save ?? customerPassword

  useEffect(() => {
    if (!open) {
      setServerError(null)
    }
  }, [open])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setServerError(null)
    try {
      await mutateAsync({
        password: fields.password,
        confirm_password: fields.confirm,
        temporary: fields.temporary,
        ...(createsLogin ? { email_confirmed: fields.emailConfirmed } : {}),
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

            <PasswordFields
              fields={fields}
              settings={settings}
              passwordError={fieldError("password")}
              confirmError={fieldError("confirm")}
              onEdit={() => setServerError(null)}
              explainTemporary
              offerEmailConfirmed={createsLogin}
            />
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
              disabled={!fields.password}
            >
              {labels.save}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
