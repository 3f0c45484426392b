import { useMutation, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import type { CustomerCredentials, SetCustomerPasswordBody } from "../lib/types"
import { coreCustomersQueryKey, credentialsQueryKeys } from "./query-keys"

export type NewCustomerLoginMode =
  "generate" | "password" | "activation" | "none"

export type CreateCustomerWithLoginBody = {
  email: string
  first_name: string
  last_name: string
  company_name?: string
  phone?: string
  login:
    | { mode: "generate" | "activation" | "none" }
    | ({ mode: "password" } & SetCustomerPasswordBody)
}

export type CreateCustomerWithLoginResponse = {
  customer: {
    id: string
    email: string
    first_name: string | null
    last_name: string | null
    has_account: boolean
  }
  credentials: CustomerCredentials
}

/**
 * POST /admin/credentials/customers: the customer and its login in one
 * workflow. Refreshes core's customer list and the list widget's counts.
 */
export const useCreateCustomerWithLogin = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateCustomerWithLoginBody) =>
      sdk.client.fetch<CreateCustomerWithLoginResponse>(
        "/admin/credentials/customers",
        { method: "POST", body }
      ),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: coreCustomersQueryKey }),
        queryClient.invalidateQueries({
          queryKey: credentialsQueryKeys.registrationCounts(),
        }),
      ])
    },
  })
}

/** The customer whose email this is (any case), for "Open the existing customer". */
export const findCustomerByEmail = async (
  email: string
): Promise<string | null> => {
  const { customers } = await sdk.client.fetch<{
    customers: { id: string; email: string | null }[]
  }>("/admin/customers", {
    query: { q: email, fields: "id,email", limit: 20 },
  })
  const wanted = email.trim().toLowerCase()
  return (
    customers.find((customer) => customer.email?.toLowerCase() === wanted)
      ?.id ?? null
  )
}
