import {
  useMutation,
  useQuery,
  useQueryClient,
  type UseQueryOptions,
} from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import type {
  CredentialEventsResponse,
  CustomerCredentialsResponse,
  SetCustomerPasswordBody,
  SsoLoginsResponse,
} from "../lib/types"
import { coreCustomersQueryKey, credentialsQueryKeys } from "./query-keys"

const base = (customerId: string) =>
  `/admin/customers/${encodeURIComponent(customerId)}/credentials`

/** GET /admin/customers/:id/credentials */
export const useCustomerCredentials = (customerId: string) =>
  useQuery({
    queryKey: credentialsQueryKeys.detail(customerId),
    queryFn: () =>
      sdk.client.fetch<CustomerCredentialsResponse>(base(customerId)),
  })

/** GET /admin/customers/:id/credentials/events, newest first. */
export const useCredentialEvents = (
  customerId: string,
  query: { limit: number; offset: number },
  options?: Pick<
    UseQueryOptions<CredentialEventsResponse>,
    "placeholderData" | "enabled"
  >
) =>
  useQuery({
    queryKey: credentialsQueryKeys.events(customerId, query),
    queryFn: () =>
      sdk.client.fetch<CredentialEventsResponse>(`${base(customerId)}/events`, {
        query,
      }),
    ...options,
  })

/**
 * Every mutation answers with the customer's credentials: store them, then
 * refresh the activity list, the list widget's counts and core's customer
 * queries (a new login flips core's "Registered" badge).
 */
const useCredentialsMutation = <TBody>(
  customerId: string,
  request: (body: TBody) => Promise<CustomerCredentialsResponse>
) => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: request,
    onSuccess: async (data) => {
      queryClient.setQueryData(credentialsQueryKeys.detail(customerId), data)
      await Promise.all([
        queryClient.invalidateQueries({
          queryKey: credentialsQueryKeys.customer(customerId),
        }),
        queryClient.invalidateQueries({
          queryKey: credentialsQueryKeys.registrationCounts(),
        }),
        queryClient.invalidateQueries({ queryKey: coreCustomersQueryKey }),
      ])
    },
  })
}

const post =
  <TBody>(customerId: string, path: string) =>
  (body: TBody) =>
    sdk.client.fetch<CustomerCredentialsResponse>(
      `${base(customerId)}${path}`,
      { method: "POST", body: body ?? {} }
    )

/** POST /admin/customers/:id/credentials { login_enabled?, email_confirmed? } */
export const useUpdateCustomerCredentials = (customerId: string) =>
  useCredentialsMutation(
    customerId,
    post<{
      login_enabled?: boolean
      email_confirmed?: boolean
      send_confirmation_link?: boolean
    }>(customerId, "")
  )

/** POST .../password (Allow Manual Entry) */
export const useSetCustomerPassword = (customerId: string) =>
  useCredentialsMutation(
    customerId,
    post<SetCustomerPasswordBody>(customerId, "/password")
  )

/** POST .../generate: a random temporary password, emailed. */
export const useGenerateCredentials = (customerId: string) =>
  useCredentialsMutation(customerId, post<void>(customerId, "/generate"))

/** POST .../reset-password: core's reset link, emailed. */
export const useRequestPasswordReset = (customerId: string) =>
  useCredentialsMutation(customerId, post<void>(customerId, "/reset-password"))

/** POST .../send-activation: a link to choose a password and confirm the email. */
export const useSendActivation = (customerId: string) =>
  useCredentialsMutation(customerId, post<void>(customerId, "/send-activation"))

/** POST .../unlock: lifts a sign-in lock. */
export const useUnlockCustomerLogin = (customerId: string) =>
  useCredentialsMutation(customerId, post<void>(customerId, "/unlock"))

/** GET .../sso-logins: the single sign-on logins linked to the customer. */
export const useSsoLogins = (customerId: string) =>
  useQuery({
    queryKey: credentialsQueryKeys.ssoLogins(customerId),
    queryFn: () =>
      sdk.client.fetch<SsoLoginsResponse>(`${base(customerId)}/sso-logins`),
  })

/** DELETE .../sso-logins/:auth_identity_id */
export const useUnlinkSsoLogin = (customerId: string) => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (authIdentityId: string) =>
      sdk.client.fetch<SsoLoginsResponse>(
        `${base(customerId)}/sso-logins/${encodeURIComponent(authIdentityId)}`,
        { method: "DELETE" }
      ),
    onSuccess: async (data) => {
      queryClient.setQueryData(credentialsQueryKeys.ssoLogins(customerId), data)
      await queryClient.invalidateQueries({
        queryKey: credentialsQueryKeys.events(customerId),
      })
    },
  })
}
