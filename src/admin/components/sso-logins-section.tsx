import {
  Button,
  Container,
  Heading,
  Text,
  toast,
  usePrompt,
} from "@medusajs/ui"
import { useSsoLogins, useUnlinkSsoLogin } from "../hooks/customer-credentials"
import { credentialsLabels } from "../labels/credentials"
import { errorMessage } from "../lib/errors"

const { ssoLogins: labels, actions } = credentialsLabels

/**
 * The identity providers the customer signs in with (single sign-on), each
 * with an "Unlink" action; nothing when there are none.
 */
export const SsoLoginsSection = ({ customerId }: { customerId: string }) => {
  const { data } = useSsoLogins(customerId)
  const unlink = useUnlinkSsoLogin(customerId)
  const prompt = usePrompt()
  const logins = data?.sso_logins ?? []
  if (!logins.length) {
    return null
  }

  const confirmUnlink = async (authIdentityId: string, label: string) => {
    const confirmed = await prompt({
      title: labels.unlinkTitle,
      description: labels.unlinkDescription(label),
      confirmText: labels.unlink,
      cancelText: actions.cancel,
      variant: "danger",
    })
    if (!confirmed) {
      return
    }
    try {
      await unlink.mutateAsync(authIdentityId)
      toast.success(labels.unlinked)
    } catch (error) {
      toast.error(errorMessage(error, actions.failed))
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="customer-sso-logins">
      <div className="px-6 py-4">
        <Heading level="h2">{labels.title}</Heading>
      </div>
      {logins.map((login) => (
        <div
          key={`${login.auth_identity_id}:${login.provider}`}
          className="text-ui-fg-subtle grid grid-cols-2 items-center px-6 py-4"
        >
          <Text size="small" leading="compact" weight="plus">
            {login.label}
          </Text>
          <div className="flex items-center justify-between gap-x-2">
            <Text size="small" leading="compact">
              {login.email ?? "-"}
            </Text>
            <Button
              size="small"
              variant="secondary"
              isLoading={unlink.isPending}
              onClick={() => confirmUnlink(login.auth_identity_id, login.label)}
            >
              {labels.unlink}
            </Button>
          </div>
        </div>
      ))}
    </Container>
  )
}
