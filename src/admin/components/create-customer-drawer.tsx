import {
  Alert,
  Button,
  Drawer,
  Hint,
  Input,
  Label,
  RadioGroup,
  Text,
  toast,
} from "@medusajs/ui"
import { useEffect, useId, useState, type FormEvent } from "react"
import { Link, useNavigate } from "react-router-dom"
import { useCredentialSettings } from "../hooks/credential-settings"
import {
  findCustomerByEmail,
  useCreateCustomerWithLogin,
  type CreateCustomerWithLoginBody,
  type NewCustomerLoginMode,
} from "../hooks/create-customer"
import { usePasswordFields } from "../hooks/password-fields"
import { createCustomerLabels as labels } from "../labels/create-customer"
import { errorMessage, errorStatus } from "../lib/errors"
import { PasswordFields } from "./password-fields"

const MODES: NewCustomerLoginMode[] = [
  "generate",
  "password",
  "activation",
  "none",
]

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

type Field = "email" | "first_name" | "last_name"

/**
 * "Create customer with login": the customer's fields and the login in one
 * form, sent to one workflow (POST /admin/credentials/customers). Generate
 * and send credentials hides the password fields; Enter a password (only
 * while Allow Manual Entry is on) shows them with the strength meter and the
 * policy checklist, and an empty password creates no login. After success
 * the admin lands on the new customer's page.
 */
export const CreateCustomerDrawer = ({
  open,
  onOpenChange,
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
}) => {
  const id = useId()
  const navigate = useNavigate()
  const settingsQuery = useCredentialSettings()
  const settings = settingsQuery.data?.credential_settings
  const manualEntry = settings?.allow_manual_entry === true
  const [email, setEmail] = useState("")
  const [firstName, setFirstName] = useState("")
  const [lastName, setLastName] = useState("")
  const [company, setCompany] = useState("")
  const [phone, setPhone] = useState("")
  const [mode, setMode] = useState<NewCustomerLoginMode>("generate")
  const [missing, setMissing] = useState<Field[]>([])
  const [serverError, setServerError] = useState<string | null>(null)
  const [existingId, setExistingId] = useState<string | null>(null)
  const { mutateAsync, isPending } = useCreateCustomerWithLogin()

  useEffect(() => {
    if (!open) {
      setEmail("")
      setFirstName("")
      setLastName("")
      setCompany("")
      setPhone("")
      setMode("generate")
      setMissing([])
      setServerError(null)
      setExistingId(null)
    }
  }, [open])

  const fields = usePasswordFields({
    settings,
    userInputs: [email, firstName, lastName],
    open,
    shown: open && mode === "password",
  })
  const withPassword = mode === "password" && fields.password.length > 0

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setServerError(null)
    setExistingId(null)
    const empty: Field[] = []
    if (!EMAIL.test(email.trim())) empty.push("email")
    if (!firstName.trim()) empty.push("first_name")
    if (!lastName.trim()) empty.push("last_name")
    setMissing(empty)
    if (empty.length || (withPassword && fields.mismatch)) {
      return
    }
    const login: CreateCustomerWithLoginBody["login"] = withPassword
      ? {
          mode: "password",
          password: fields.password,
          confirm_password: fields.confirm,
          temporary: fields.temporary,
          email_confirmed: fields.emailConfirmed,
        }
      : { mode: mode === "password" ? "none" : mode }
    try {
      const { customer } = await mutateAsync({
        email: email.trim(),
        first_name: firstName.trim(),
        last_name: lastName.trim(),
        ...(company.trim() ? { company_name: company.trim() } : {}),
        ...(phone.trim() ? { phone: phone.trim() } : {}),
        login,
      })
      toast.success(
        login.mode === "none"
          ? labels.created(customer.email)
          : login.mode === "password"
            ? labels.createdWithLogin(customer.email)
            : labels.createdWithEmail(customer.email)
      )
      onOpenChange(false)
      navigate(`/customers/${customer.id}`)
    } catch (error) {
      setServerError(errorMessage(error, labels.failed))
      if (errorStatus(error) === 409) {
        setExistingId(await findCustomerByEmail(email).catch(() => null))
      }
    }
  }

  const text = (
    field: Field | "company" | "phone",
    label: string,
    value: string,
    set: (value: string) => void,
    type = "text"
  ) => {
    const invalid = missing.includes(field as Field)
    return (
      <div className="flex flex-col gap-y-2">
        <Label htmlFor={`${id}-${field}`} size="small" weight="plus">
          {label}
          {(field === "company" || field === "phone") && (
            <span className="text-ui-fg-muted font-normal">
              {" "}
              ({labels.optional})
            </span>
          )}
        </Label>
        <Input
          id={`${id}-${field}`}
          name={field}
          type={type}
          value={value}
          aria-invalid={invalid}
          onChange={(event) => {
            set(event.target.value)
            setMissing((fields) => fields.filter((f) => f !== field))
          }}
        />
        {invalid && (
          <Hint variant="error">
            {field === "email" && value.trim()
              ? labels.invalidEmail
              : labels.required}
          </Hint>
        )}
      </div>
    )
  }

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content data-testid="create-customer-drawer">
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
              {labels.description}
            </Drawer.Description>

            {serverError && (
              <Alert variant="error" data-testid="create-customer-error">
                <div className="flex flex-col gap-y-1">
                  <span>{serverError}</span>
                  {existingId && (
                    <Link
                      to={`/customers/${existingId}`}
                      className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover txt-compact-small-plus"
                      onClick={() => onOpenChange(false)}
                    >
                      {labels.openExisting}
                    </Link>
                  )}
                </div>
              </Alert>
            )}

            {text("email", labels.email, email, setEmail, "email")}
            <div className="grid grid-cols-2 gap-4">
              {text("first_name", labels.firstName, firstName, setFirstName)}
              {text("last_name", labels.lastName, lastName, setLastName)}
            </div>
            {text("company", labels.company, company, setCompany)}
            {text("phone", labels.phone, phone, setPhone, "tel")}

            <fieldset className="flex flex-col gap-y-2">
              <legend className="txt-compact-small-plus text-ui-fg-base mb-2">
                {labels.login}
              </legend>
              {settingsQuery.isError && (
                <Text size="small" className="text-ui-fg-error">
                  {labels.settingsLoadError}
                </Text>
              )}
              <RadioGroup
                value={mode}
                onValueChange={(value) =>
                  setMode(value as NewCustomerLoginMode)
                }
                className="flex flex-col gap-y-2"
              >
                {MODES.map((value) => {
                  const text =
                    value === "password" && !manualEntry
                      ? labels.modes.passwordOff
                      : labels.modes[value]
                  return (
                    <RadioGroup.ChoiceBox
                      key={value}
                      value={value}
                      label={text.label}
                      description={text.description}
                      disabled={value === "password" && !manualEntry}
                      data-testid={`login-mode-${value}`}
                    />
                  )
                })}
              </RadioGroup>
            </fieldset>

            {mode === "password" && settings && (
              <div
                className="flex flex-col gap-y-6"
                data-testid="create-customer-password"
              >
                <PasswordFields
                  fields={fields}
                  settings={settings}
                  passwordHint={labels.leaveEmpty}
                  offerEmailConfirmed
                />
              </div>
            )}
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                {labels.cancel}
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={isPending}>
              {labels.create}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
