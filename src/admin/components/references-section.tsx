import {
  ArrowPath,
  EnvelopeSolid,
  Key,
  PencilSquare,
  Plus,
  Sparkles,
  Trash,
} from "@medusajs/icons"
import {
  Badge,
  Button,
  Container,
  Heading,
  Text,
  toast,
  usePrompt,
} from "@medusajs/ui"
import { useState } from "react"
import { useCredentialSettings } from "../hooks/credential-settings"
import {
  useCustomerReferences,
  useReferenceCredentialAction,
  useRemoveCustomerReference,
  useSetReferencePassword,
} from "../hooks/customer-references"
import { referencesLabels } from "../labels/references"
import { errorMessage } from "../lib/errors"
import { formatDateTime } from "../lib/format"
import {
  REFERENCE_PERMISSIONS,
  type CredentialSettings,
  type CustomerReference,
  type ReferenceCredentialAction,
  type ReferencePermission,
} from "../lib/types"
import { ListState } from "./list-state"
import { ActionMenu, type Action } from "./action-menu"
import { EnterPasswordDrawer } from "./enter-password-drawer"
import { ReferenceDrawer } from "./reference-drawer"

const { section, removePrompt, actions } = referencesLabels

type Rights = Record<ReferencePermission, boolean>

/** Rights in force: the login's own AND the store-wide ones. */
const effectiveCount = (reference: CustomerReference, store?: Rights) =>
  REFERENCE_PERMISSIONS.filter(
    (permission) =>
      reference.permissions[permission] && store?.[permission] !== false
  ).length

/** "Enter password" for one person's login: the customer page's drawer, saving to the reference. */
const ReferencePasswordDrawer = ({
  customerId,
  reference,
  settings,
  open,
  onOpenChange,
}: {
  customerId: string
  reference: CustomerReference
  settings: CredentialSettings
  open: boolean
  onOpenChange: (open: boolean) => void
}) => {
  const save = useSetReferencePassword(customerId, reference.id)
  return (
    <EnterPasswordDrawer
      customer={{
        id: customerId,
        email: reference.email,
        first_name: reference.display_name,
      }}
      settings={settings}
      open={open}
      onOpenChange={onOpenChange}
      save={save}
    />
  )
}

/**
 * B2B: the logins (people) who may act for this customer account, with
 * their login's state (password, email, lock, last sign-in), add, edit (may
 * sign in, rights), the customer page's credential actions for each login,
 * and remove behind a prompt.
 */
export const ReferencesSection = ({ customerId }: { customerId: string }) => {
  const prompt = usePrompt()
  const { data, isPending, isError, error } = useCustomerReferences(customerId)
  const { data: settings } = useCredentialSettings()
  const remove = useRemoveCustomerReference(customerId)
  const credentialAction = useReferenceCredentialAction(customerId)
  const [drawer, setDrawer] = useState<{
    open: boolean
    reference: CustomerReference | null
  }>({ open: false, reference: null })
  const [passwordFor, setPasswordFor] = useState<CustomerReference | null>(null)

  const storeRights = settings?.credential_settings.permissions as
    Rights | undefined
  const manualEntry = settings?.credential_settings.allow_manual_entry === true
  const references = data?.references ?? []

  const confirmAction = async (
    reference: CustomerReference,
    action: ReferenceCredentialAction
  ) => {
    const text =
      action === "generate"
        ? reference.has_password
          ? actions.generatePrompt
          : actions.createPrompt
        : action === "reset-password"
          ? actions.resetPrompt
          : actions.activationPrompt
    const confirmed = await prompt({
      title: text.title,
      description: text.description(reference.email),
      confirmText: text.confirm,
      cancelText: actions.cancel,
      variant: "confirmation",
    })
    if (!confirmed) {
      return
    }
    try {
      await credentialAction.mutateAsync({ id: reference.id, action })
      toast.success(
        action === "generate"
          ? actions.generated(reference.email)
          : action === "reset-password"
            ? actions.resetSent(reference.email)
            : actions.activationSent(reference.email)
      )
    } catch (caught) {
      toast.error(errorMessage(caught, actions.failed))
    }
  }

  const credentialActions = (reference: CustomerReference): Action[] => [
    ...(manualEntry
      ? [
          {
            label: actions.enterPassword,
            icon: <Key />,
            onClick: () => setPasswordFor(reference),
          },
        ]
      : []),
    {
      label: reference.has_password ? actions.generate : actions.createLogin,
      icon: <Sparkles />,
      onClick: () => void confirmAction(reference, "generate"),
    },
    {
      label: actions.reset,
      icon: <ArrowPath />,
      onClick: () => void confirmAction(reference, "reset-password"),
    },
    {
      label: actions.activation,
      icon: <EnvelopeSolid />,
      onClick: () => void confirmAction(reference, "send-activation"),
    },
  ]

  const confirmRemove = async (reference: CustomerReference) => {
    const confirmed = await prompt({
      title: removePrompt.title,
      description: removePrompt.description(reference.email),
      confirmText: removePrompt.confirm,
      cancelText: removePrompt.cancel,
    })
    if (!confirmed) {
      return
    }
    try {
      await remove.mutateAsync(reference.id)
      toast.success(removePrompt.removed(reference.email))
    } catch (caught) {
      toast.error(errorMessage(caught, removePrompt.failed))
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="customer-references">
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <div className="flex flex-col">
          <Heading level="h2">{section.title}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {section.description}
          </Text>
        </div>
        <Button
          size="small"
          variant="secondary"
          type="button"
          className="shrink-0"
          onClick={() => setDrawer({ open: true, reference: null })}
        >
          <Plus />
          {section.add}
        </Button>
      </div>
      <ListState
        isPending={isPending}
        isError={isError}
        error={error}
        isEmpty={references.length === 0}
        labels={section}
      >
        <ul className="divide-y">
          {references.map((reference) => (
            <li
              key={reference.id}
              className="text-ui-fg-subtle flex items-center justify-between gap-x-4 px-6 py-3"
              data-testid="customer-reference"
              data-email={reference.email}
            >
              <div className="flex min-w-0 flex-col">
                <Text size="small" leading="compact" weight="plus">
                  {reference.display_name ?? reference.email}
                </Text>
                {reference.display_name && (
                  <Text
                    size="xsmall"
                    leading="compact"
                    className="text-ui-fg-muted"
                  >
                    {reference.email}
                  </Text>
                )}
                <Text
                  size="xsmall"
                  leading="compact"
                  className="text-ui-fg-muted"
                  data-testid="reference-last-sign-in"
                >
                  {reference.last_signed_in_at
                    ? section.lastSignedIn(
                        formatDateTime(reference.last_signed_in_at) ??
                          reference.last_signed_in_at
                      )
                    : section.neverSignedIn}
                </Text>
              </div>
              <div className="flex flex-wrap items-center justify-end gap-x-2 gap-y-1">
                <Badge
                  size="2xsmall"
                  color={reference.has_password ? "green" : "orange"}
                  data-testid="reference-password"
                >
                  {reference.has_password
                    ? section.hasPassword
                    : section.noPassword}
                </Badge>
                {!reference.email_confirmed && (
                  <Badge size="2xsmall" color="orange">
                    {section.emailNotConfirmed}
                  </Badge>
                )}
                {reference.locked && (
                  <Badge size="2xsmall" color="red">
                    {section.locked}
                  </Badge>
                )}
                <Badge
                  size="2xsmall"
                  color={reference.internet_user ? "green" : "grey"}
                >
                  {reference.internet_user
                    ? section.signsIn
                    : section.mayNotSignIn}
                </Badge>
                <Text size="xsmall" className="text-ui-fg-muted">
                  {section.rightsCount(
                    effectiveCount(reference, storeRights),
                    REFERENCE_PERMISSIONS.length
                  )}
                </Text>
                <ActionMenu
                  label={reference.email}
                  groups={[
                    {
                      actions: [
                        {
                          label: section.edit,
                          icon: <PencilSquare />,
                          onClick: () => setDrawer({ open: true, reference }),
                        },
                      ],
                    },
                    { actions: credentialActions(reference) },
                    {
                      actions: [
                        {
                          label: section.remove,
                          icon: <Trash />,
                          onClick: () => void confirmRemove(reference),
                        },
                      ],
                    },
                  ]}
                />
              </div>
            </li>
          ))}
        </ul>
      </ListState>
      <ReferenceDrawer
        customerId={customerId}
        reference={drawer.reference}
        storeRights={storeRights}
        open={drawer.open}
        onOpenChange={(open) => setDrawer((current) => ({ ...current, open }))}
      />
      {passwordFor && settings && (
        <ReferencePasswordDrawer
          customerId={customerId}
          reference={passwordFor}
          settings={settings.credential_settings}
          open
          onOpenChange={(open) => !open && setPasswordFor(null)}
        />
      )}
    </Container>
  )
}
