import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import type {
  AddCustomerReferenceBody,
  AddedCustomerReferenceResponse,
  CustomerReferenceResponse,
  CustomerReferencesResponse,
  ReferenceCredentialAction,
  SetCustomerPasswordBody,
  UpdateCustomerReferenceBody,
} from "../lib/types"
import { coreCustomersQueryKey, credentialsQueryKeys } from "./query-keys"

const base = (customerId: string) =>
  `/admin/customers/${encodeURIComponent(customerId)}/references`

/** GET /admin/customers/:id/references */
export const useCustomerReferences = (customerId: string) =>
  useQuery({
    queryKey: credentialsQueryKeys.references(customerId),
    queryFn: () =>
      sdk.client.fetch<CustomerReferencesResponse>(base(customerId)),
  })

/**
 * After any change: the references, the customer's credentials and activity
 * (adding a login may create one), the list widget's counts and core's
 * customer queries ("Registered" badge).
 */
const useReferencesMutation = <TInput, TOutput>(
  customerId: string,
  request: (input: TInput) => Promise<TOutput>
) => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: request,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({
          queryKey: credentialsQueryKeys.customer(customerId),
        }),
        queryClient.invalidateQueries({
          queryKey: credentialsQueryKeys.registrationCounts(),
        }),
        queryClient.invalidateQueries({ queryKey: coreCustomersQueryKey }),
      ]),
  })
}

/** POST /admin/customers/:id/references: an existing login keeps its password. */
export const useAddCustomerReference = (customerId: string) =>
  useReferencesMutation(customerId, (body: AddCustomerReferenceBody) =>
    sdk.client.fetch<AddedCustomerReferenceResponse>(base(customerId), {
      method: "POST",
      body,
    })
  )

/** POST /admin/customers/:id/references/:reference_id */
export const useUpdateCustomerReference = (customerId: string) =>
  useReferencesMutation(
    customerId,
    ({ id, body }: { id: string; body: UpdateCustomerReferenceBody }) =>
      sdk.client.fetch<CustomerReferenceResponse>(
        `${base(customerId)}/${encodeURIComponent(id)}`,
        { method: "POST", body }
      )
  )

/** DELETE /admin/customers/:id/references/:reference_id */
export const useRemoveCustomerReference = (customerId: string) =>
  useReferencesMutation(customerId, (id: string) =>
    sdk.client.fetch<{ id: string; deleted: boolean }>(
      `${base(customerId)}/${encodeURIComponent(id)}`,
      { method: "DELETE" }
    )
  )

/**
 * POST /admin/customers/:id/references/:reference_id/{generate,
 * reset-password,send-activation}: the customer page's credential actions
 * for a person acting for the account.
 */
export const useReferenceCredentialAction = (customerId: string) =>
  useReferencesMutation(
    customerId,
    ({ id, action }: { id: string; action: ReferenceCredentialAction }) =>
      sdk.client.fetch<CustomerReferenceResponse>(
        `${base(customerId)}/${encodeURIComponent(id)}/${action}`,
        { method: "POST", body: {} }
      )
  )

/** POST /admin/customers/:id/references/:reference_id/password (Allow Manual Entry). */
export const useSetReferencePassword = (
  customerId: string,
  referenceId: string
) =>
  useReferencesMutation(
    customerId,
    (body: Omit<SetCustomerPasswordBody, "email_confirmed">) =>
      sdk.client.fetch<CustomerReferenceResponse>(
        `${base(customerId)}/${encodeURIComponent(referenceId)}/password`,
        { method: "POST", body }
      )
  )
