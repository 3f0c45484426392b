import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import type {
  CredentialSettingsResponse,
  CredentialSettingsUpdate,
} from "../lib/types"
import { credentialsQueryKeys } from "./query-keys"

const PATH = "/admin/credential-settings"

/** GET /admin/credential-settings: the settings in force. */
export const useCredentialSettings = () =>
  useQuery({
    queryKey: credentialsQueryKeys.settings(),
    queryFn: () => sdk.client.fetch<CredentialSettingsResponse>(PATH),
  })

/** POST /admin/credential-settings: any subset; null resets to the default. */
export const useUpdateCredentialSettings = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CredentialSettingsUpdate) =>
      sdk.client.fetch<CredentialSettingsResponse>(PATH, {
        method: "POST",
        body,
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(credentialsQueryKeys.settings(), data)
    },
  })
}
