import {
  ArrowPath,
  CogSixTooth,
  EnvelopeSolid,
  Key,
  LockOpenSolid,
  Sparkles,
} from "@medusajs/icons"
import {
  Container,
  Heading,
  Skeleton,
  StatusBadge,
  Switch,
  Text,
  toast,
  usePrompt,
} from "@medusajs/ui"
import { useState, type ReactNode } from "react"
import { useCredentialSettings } from "../hooks/credential-settings"
import {
  useCustomerCredentials,
  useGenerateCredentials,
  useRequestPasswordReset,
  useSendActivation,
  useUnlockCustomerLogin,
  useUpdateCustomerCredentials,
} from "../hooks/customer-credentials"
import { credentialsLabels, durationLabel } from "../labels/credentials"
import { errorMessage } from "../lib/errors"
import { formatDateTime, isLockedNow } from "../lib/format"
import type { CustomerCredentials } from "../lib/types"
import { ActionMenu, type ActionGroup } from "./action-menu"
import { EnterPasswordDrawer } from "./enter-password-drawer"
import { SectionRow } from "./section-row"

const { section, fields, values, switches, actions } = credentialsLabels

/** "Email", "Customer number", "Email or customer number", or "-". */
const signsInWith = (accepted: CustomerCredentials["sign_in_with"]) => {
  const email = accepted?.includes("email")
  const number = accepted?.includes("customer_number")
  if (email && number) {
    return values.signsInWith.both
  }
  if (email) {
    return values.signsInWith.email
  }
  return number ? values.signsInWith.customer_number : values.none
}

export const SETTINGS_PATH = "/settings/customer-credentials"

type Customer = {
  id: string
  email: string
  first_name?: string | null
  last_name?: string | null
}

const temporaryPasswordText = (credentials: CustomerCredentials) => {
  if (!credentials.must_change_password) {
    return values.notTemporary
  }
  const expires = credentials.temporary_password_expires_at
  if (!expires) {
    return values.temporaryNoExpiry
  }
  const date = formatDateTime(expires) ?? expires
  return new Date(expires).getTime() <= Date.now()
    ? values.temporaryExpired(date)
    : values.temporaryExpires(date)
}

/** Runs one action: confirm, call, toast the outcome. */
const useConfirmedAction = () => {
  const prompt = usePrompt()
  return async (options: {
    title: string
    description: string
    confirmText: string
    run: () => Promise<unknown>
    success: string
  }) => {
    const confirmed = await prompt({
      title: options.title,
      description: options.description,
      confirmText: options.confirmText,
      cancelText: actions.cancel,
      variant: "confirmation",
    })
    if (!confirmed) {
      return
    }
    try {
      await options.run()
      toast.success(options.success)
    } catch (error) {
      toast.error(errorMessage(error, actions.failed))
    }
  }
}

/**
 * "Login & credentials" on a customer's page: the login state, the two
 * switches, and the merchant's actions, each confirmed before it runs.
 */
export const CredentialsSection = ({ customer }: { customer: Customer }) => {
  const { data, isPending, isError, error } = useCustomerCredentials(
    customer.id
  )
  const settingsQuery = useCredentialSettings()
  const settings = settingsQuery.data?.credential_settings
  const [passwordOpen, setPasswordOpen] = useState(false)

  const update = useUpdateCustomerCredentials(customer.id)
  const generate = useGenerateCredentials(customer.id)
  const reset = useRequestPasswordReset(customer.id)
  const activation = useSendActivation(customer.id)
  const unlock = useUnlockCustomerLogin(customer.id)
  const confirmed = useConfirmedAction()
  const prompt = usePrompt()

  const header = (badge?: ReactNode, menu?: ReactNode) => (
    <div className="flex items-center justify-between px-6 py-4">
      <Heading level="h2">{section.title}</Heading>
      <div className="flex items-center gap-x-2">
        {badge}
        {menu}
      </div>
    </div>
  )

  if (isPending) {
    return (
      <Container className="divide-y p-0" data-testid="credentials-section">
        {header()}
        <div className="flex flex-col gap-y-3 px-6 py-4">
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-4 w-2/3" />
        </div>
      </Container>
    )
  }

  if (isError || !data) {
    return (
      <Container className="divide-y p-0" data-testid="credentials-section">
        {header()}
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-error">
            {errorMessage(error, section.loadError)}
          </Text>
        </div>
      </Container>
    )
  }

  const credentials = data.credentials
  const registered = credentials.is_registered
  const locked = isLockedNow(credentials.locked_until)
  const manualEntry = settings?.allow_manual_entry === true
  const minutes = settings?.password_ticket_expiration_minutes ?? 0
  const expiry =
    minutes > 0 ? actions.generateExpiry(durationLabel(minutes)) : ""

  const setLoginEnabled = async (enabled: boolean) => {
    if (
      !enabled &&
      !(await prompt({
        title: switches.disablePrompt.title,
        description: switches.disablePrompt.description(customer.email),
        confirmText: switches.disablePrompt.confirm,
        cancelText: actions.cancel,
      }))
    ) {
      return
    }
    try {
      await update.mutateAsync({ login_enabled: enabled })
      toast.success(
        enabled
          ? switches.loginEnabled(customer.email)
          : switches.loginDisabled(customer.email)
      )
    } catch (error) {
      toast.error(errorMessage(error, actions.failed))
    }
  }

  const setEmailConfirmed = async (confirmedEmail: boolean) => {
    // Off closes sign-in until the customer follows the link: a login
    // gets it in the same request (a customer without one has nothing
    // to confirm yet).
    const sendLink = !confirmedEmail && registered
    if (
      sendLink &&
      !(await prompt({
        title: switches.unconfirmPrompt.title,
        description: switches.unconfirmPrompt.description(customer.email),
        confirmText: switches.unconfirmPrompt.confirm,
        cancelText: actions.cancel,
      }))
    ) {
      return
    }
    try {
      await update.mutateAsync(
        sendLink
          ? { email_confirmed: false, send_confirmation_link: true }
          : { email_confirmed: confirmedEmail }
      )
      toast.success(
        confirmedEmail
          ? switches.emailConfirmed(customer.email)
          : sendLink
            ? switches.emailUnconfirmedLinkSent(customer.email)
            : switches.emailUnconfirmed(customer.email)
      )
    } catch (error) {
      toast.error(errorMessage(error, actions.failed))
    }
  }

  const groups: ActionGroup[] = [
    {
      actions: [
        {
          label: actions.enterPassword,
          icon: <Key />,
          disabled: !manualEntry,
          hint: settings ? actions.enterPasswordOff : undefined,
          onClick: () => setPasswordOpen(true),
        },
        ...(settings && !manualEntry
          ? [
              {
                label: actions.openSettings,
                icon: <CogSixTooth />,
                to: SETTINGS_PATH,
              },
            ]
          : []),
      ],
    },
    {
      actions: [
        {
          label: registered ? actions.generate : actions.createLogin,
          icon: <Sparkles />,
          onClick: () =>
            confirmed({
              ...(registered
                ? {
                    title: actions.generatePrompt.title,
                    description: actions.generatePrompt.description(
                      customer.email,
                      expiry
                    ),
                    confirmText: actions.generatePrompt.confirm,
                    success: actions.generateDone(customer.email),
                  }
                : {
                    title: actions.createLoginPrompt.title,
                    description: actions.createLoginPrompt.description(
                      customer.email,
                      expiry
                    ),
                    confirmText: actions.createLoginPrompt.confirm,
                    success: actions.createLoginDone(customer.email),
                  }),
              run: () => generate.mutateAsync(),
            }),
        },
        {
          label: actions.resetPassword,
          icon: <ArrowPath />,
          disabled: !registered,
          hint: actions.resetPasswordNotRegistered,
          onClick: () =>
            confirmed({
              title: actions.resetPrompt.title,
              description: actions.resetPrompt.description(customer.email),
              confirmText: actions.resetPrompt.confirm,
              success: actions.resetDone(customer.email),
              run: () => reset.mutateAsync(),
            }),
        },
        {
          label: actions.sendActivation,
          icon: <EnvelopeSolid />,
          onClick: () =>
            confirmed({
              title: actions.activationPrompt.title,
              description: registered
                ? actions.activationPrompt.registered(customer.email)
                : actions.activationPrompt.notRegistered(customer.email),
              confirmText: actions.activationPrompt.confirm,
              success: actions.activationDone(customer.email),
              run: () => activation.mutateAsync(),
            }),
        },
      ],
    },
    {
      actions: locked
        ? [
            {
              label: actions.unlock,
              icon: <LockOpenSolid />,
              onClick: () =>
                confirmed({
                  title: actions.unlockPrompt.title,
                  description: actions.unlockPrompt.description(customer.email),
                  confirmText: actions.unlockPrompt.confirm,
                  success: actions.unlockDone(customer.email),
                  run: () => unlock.mutateAsync(),
                }),
            },
          ]
        : [],
    },
  ]

  return (
    <Container className="divide-y p-0" data-testid="credentials-section">
      {header(
        <StatusBadge color={registered ? "green" : "grey"}>
          {registered ? section.registered : section.notRegistered}
        </StatusBadge>,
        <ActionMenu groups={groups} label={section.title} />
      )}
      <SectionRow label={fields.loginEnabled}>
        <Switch
          aria-label={fields.loginEnabled}
          checked={credentials.login_enabled}
          disabled={update.isPending}
          onCheckedChange={setLoginEnabled}
        />
      </SectionRow>
      <SectionRow label={fields.emailConfirmed}>
        <Switch
          aria-label={fields.emailConfirmed}
          checked={credentials.email_confirmed}
          disabled={update.isPending}
          onCheckedChange={setEmailConfirmed}
        />
      </SectionRow>
      <SectionRow label={fields.customerNumber}>
        {credentials.customer_number ?? values.none}
      </SectionRow>
      <SectionRow label={fields.signsInWith}>
        {signsInWith(credentials.sign_in_with)}
      </SectionRow>
      <SectionRow label={fields.lastSignIn}>
        {formatDateTime(credentials.last_login_at) ?? values.never}
      </SectionRow>
      <SectionRow label={fields.lastPasswordChange}>
        {formatDateTime(credentials.last_password_change_at) ?? values.none}
      </SectionRow>
      <SectionRow label={fields.temporaryPassword}>
        {temporaryPasswordText(credentials)}
      </SectionRow>
      <SectionRow label={fields.signInLock} testId="sign-in-lock">
        {locked ? (
          <StatusBadge color="red">
            {values.lockedUntil(formatDateTime(credentials.locked_until) ?? "")}
          </StatusBadge>
        ) : (
          <Text size="small" leading="compact">
            {values.notLocked}
          </Text>
        )}
        {credentials.failed_login_count > 0 && (
          <Text size="small" leading="compact" className="text-ui-fg-muted">
            {values.failedSignIns(credentials.failed_login_count)}
          </Text>
        )}
      </SectionRow>
      {settings && manualEntry && (
        <EnterPasswordDrawer
          customer={customer}
          settings={settings}
          open={passwordOpen}
          onOpenChange={setPasswordOpen}
          createsLogin={!registered}
        />
      )}
    </Container>
  )
}
