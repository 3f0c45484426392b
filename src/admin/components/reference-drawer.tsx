import {
  Alert,
  Button,
  Checkbox,
  Drawer,
  Hint,
  Input,
  Label,
  Switch,
  Text,
  toast,
} from "@medusajs/ui"
import { useEffect, useId, useState, type FormEvent } from "react"
import {
  useAddCustomerReference,
  useReferenceCredentialAction,
  useUpdateCustomerReference,
} from "../hooks/customer-references"
import { referencesLabels } from "../labels/references"
import { errorMessage } from "../lib/errors"
import {
  REFERENCE_PERMISSIONS,
  type CustomerReference,
  type ReferencePermission,
} from "../lib/types"

const labels = referencesLabels.drawer
const nextStep = referencesLabels.nextStep
const actionLabels = referencesLabels.actions

type Rights = Record<ReferencePermission, boolean>

const allRights = (value: boolean) =>
  Object.fromEntries(
    REFERENCE_PERMISSIONS.map((permission) => [permission, value])
  ) as Rights

/**
 * Adds a login to the account by email, or edits one: display name, "may
 * sign in" and the rights. A right that is off store-wide is shown disabled:
 * the login's own rights can only narrow the store's. A person added without
 * a password they know is not left to find out: the drawer then asks how
 * they get one (activation email, or generated credentials).
 */
export const ReferenceDrawer = ({
  customerId,
  reference,
  storeRights,
  open,
  onOpenChange,
}: {
  customerId: string
  /** The login to edit; none to add one. */
  reference: CustomerReference | null
  storeRights: Rights | undefined
  open: boolean
  onOpenChange: (open: boolean) => void
}) => {
  const id = useId()
  const [email, setEmail] = useState("")
  const [displayName, setDisplayName] = useState("")
  const [internetUser, setInternetUser] = useState(true)
  const [rights, setRights] = useState<Rights>(allRights(true))
  const [error, setError] = useState<string | null>(null)
  /** A person just added who has no password yet: the next step. */
  const [added, setAdded] = useState<CustomerReference | null>(null)
  const add = useAddCustomerReference(customerId)
  const update = useUpdateCustomerReference(customerId)
  const credentialAction = useReferenceCredentialAction(customerId)
  const isPending = add.isPending || update.isPending

  useEffect(() => {
    if (open) {
      setEmail(reference?.email ?? "")
      setDisplayName(reference?.display_name ?? "")
      setInternetUser(reference?.internet_user ?? true)
      setRights(reference?.permissions ?? allRights(true))
      setError(null)
      setAdded(null)
    }
  }, [open, reference])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    const changes = {
      display_name: displayName.trim() || null,
      internet_user: internetUser,
      permissions: rights,
    }
    try {
      if (reference) {
        await update.mutateAsync({ id: reference.id, body: changes })
        toast.success(labels.saved(reference.email))
      } else {
        const result = await add.mutateAsync({
          email: email.trim(),
          ...changes,
        })
        toast.success(labels.added(result.reference.email))
        if (!result.has_password) {
          setAdded(result.reference)
          return
        }
      }
      onOpenChange(false)
    } catch (caught) {
      setError(errorMessage(caught, labels.failed))
    }
  }

  const giveLogin = async (action: "send-activation" | "generate") => {
    if (!added) {
      return
    }
    setError(null)
    try {
      await credentialAction.mutateAsync({ id: added.id, action })
      toast.success(
        action === "generate"
          ? actionLabels.generated(added.email)
          : actionLabels.activationSent(added.email)
      )
      onOpenChange(false)
    } catch (caught) {
      setError(errorMessage(caught, actionLabels.failed))
    }
  }

  if (added) {
    const pending = credentialAction.isPending
      ? credentialAction.variables?.action
      : null
    return (
      <Drawer open={open} onOpenChange={onOpenChange}>
        <Drawer.Content data-testid="reference-drawer">
          <Drawer.Header>
            <Drawer.Title>{nextStep.title}</Drawer.Title>
          </Drawer.Header>
          <Drawer.Body
            className="flex flex-1 flex-col gap-y-6 overflow-y-auto"
            data-testid="reference-next-step"
          >
            <Drawer.Description className="text-ui-fg-subtle txt-small">
              {nextStep.description(added.email)}
            </Drawer.Description>
            {error && (
              <Alert variant="error" data-testid="reference-form-error">
                {error}
              </Alert>
            )}
            {(
              [
                [
                  "send-activation",
                  nextStep.activation,
                  nextStep.activationHint,
                ],
                ["generate", nextStep.generate, nextStep.generateHint],
              ] as const
            ).map(([action, label, hint]) => (
              <div key={action} className="flex flex-col items-start gap-y-2">
                <Button
                  size="small"
                  variant={
                    action === "send-activation" ? "primary" : "secondary"
                  }
                  type="button"
                  isLoading={pending === action}
                  disabled={credentialAction.isPending}
                  onClick={() => void giveLogin(action)}
                >
                  {label}
                </Button>
                <Hint>{hint}</Hint>
              </div>
            ))}
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button
                size="small"
                variant="secondary"
                type="button"
                disabled={credentialAction.isPending}
              >
                {nextStep.later}
              </Button>
            </Drawer.Close>
          </Drawer.Footer>
        </Drawer.Content>
      </Drawer>
    )
  }

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content data-testid="reference-drawer">
        <form
          onSubmit={submit}
          className="flex flex-1 flex-col overflow-hidden"
          noValidate
        >
          <Drawer.Header>
            <Drawer.Title>
              {reference ? labels.editTitle : labels.addTitle}
            </Drawer.Title>
          </Drawer.Header>
          <Drawer.Body className="flex flex-1 flex-col gap-y-6 overflow-y-auto">
            <Drawer.Description className="text-ui-fg-subtle txt-small">
              {reference
                ? labels.editDescription(reference.email)
                : labels.addDescription}
            </Drawer.Description>

            {error && (
              <Alert variant="error" data-testid="reference-form-error">
                {error}
              </Alert>
            )}

            {!reference && (
              <div className="flex flex-col gap-y-2">
                <Label htmlFor={`${id}-email`} size="small" weight="plus">
                  {labels.email}
                </Label>
                <Input
                  id={`${id}-email`}
                  name="email"
                  type="email"
                  autoComplete="off"
                  value={email}
                  onChange={(event) => setEmail(event.target.value)}
                />
              </div>
            )}

            <div className="flex flex-col gap-y-2">
              <Label htmlFor={`${id}-name`} size="small" weight="plus">
                {labels.displayName}
              </Label>
              <Input
                id={`${id}-name`}
                name="display_name"
                value={displayName}
                onChange={(event) => setDisplayName(event.target.value)}
              />
              <Hint>{labels.displayNameHint}</Hint>
            </div>

            <div className="flex items-start justify-between gap-x-4">
              <div className="flex flex-col gap-y-1">
                <Label
                  htmlFor={`${id}-internet-user`}
                  size="small"
                  weight="plus"
                >
                  {labels.internetUser}
                </Label>
                <Hint>{labels.internetUserHint}</Hint>
              </div>
              <Switch
                id={`${id}-internet-user`}
                name="internet_user"
                checked={internetUser}
                onCheckedChange={setInternetUser}
              />
            </div>

            <fieldset className="flex flex-col gap-y-3">
              <legend className="mb-1 flex flex-col gap-y-1">
                <Text size="small" weight="plus">
                  {labels.rights}
                </Text>
                <Hint>{labels.rightsHint}</Hint>
              </legend>
              {REFERENCE_PERMISSIONS.map((permission) => {
                const offStoreWide = storeRights?.[permission] === false
                return (
                  <div key={permission} className="flex items-center gap-x-3">
                    <Checkbox
                      id={`${id}-${permission}`}
                      name={permission}
                      checked={rights[permission]}
                      onCheckedChange={(checked) =>
                        setRights((current) => ({
                          ...current,
                          [permission]: checked === true,
                        }))
                      }
                    />
                    <Label htmlFor={`${id}-${permission}`} size="small">
                      {referencesLabels.permissions[permission]}
                    </Label>
                    {offStoreWide && (
                      <Text
                        size="xsmall"
                        className="text-ui-fg-muted"
                        data-testid={`off-store-wide-${permission}`}
                      >
                        {labels.offStoreWide}
                      </Text>
                    )}
                  </div>
                )
              })}
            </fieldset>
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                {labels.cancel}
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={isPending}>
              {labels.save}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
