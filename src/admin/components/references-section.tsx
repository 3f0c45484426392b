import { PencilSquare, Plus, Trash } from "@medusajs/icons"
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
  useRemoveCustomerReference,
} from "../hooks/customer-references"
import { referencesLabels } from "../labels/references"
import { errorMessage } from "../lib/errors"
import {
  REFERENCE_PERMISSIONS,
  type CustomerReference,
  type ReferencePermission,
} from "../lib/types"
import { ListState } from "./list-state"
import { ActionMenu } from "./action-menu"
import { ReferenceDrawer } from "./reference-drawer"

const { section, removePrompt } = referencesLabels

type Rights = Record<ReferencePermission, boolean>

/** Rights in force: the login's own AND the store-wide ones. */
const effectiveCount = (reference: CustomerReference, store?: Rights) =>
  REFERENCE_PERMISSIONS.filter(
    (permission) =>
      reference.permissions[permission] && store?.[permission] !== false
  ).length

/**
 * B2B: the logins (people) who may act for this customer account, with
 * add, edit (may sign in, rights) and remove behind a prompt.
 */
export const ReferencesSection = ({ customerId }: { customerId: string }) => {
  const prompt = usePrompt()
  const { data, isPending, isError, error } = useCustomerReferences(customerId)
  const { data: settings } = useCredentialSettings()
  const remove = useRemoveCustomerReference(customerId)
  const [drawer, setDrawer] = useState<{
    open: boolean
    reference: CustomerReference | null
  }>({ open: false, reference: null })

  const storeRights = settings?.credential_settings.permissions as
    Rights | undefined
  const references = data?.references ?? []

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
              </div>
              <div className="flex items-center gap-x-2">
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
    </Container>
  )
}
