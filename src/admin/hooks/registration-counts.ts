import { useQuery } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import { credentialsQueryKeys } from "./query-keys"

/**
 * How many customers have a login. The plugin keeps core's `has_account` in
 * step when it creates a login, so core's customer list answers this with
 * two counts (one row each, only the id).
 */
export const useRegistrationCounts = () =>
  useQuery({
    queryKey: credentialsQueryKeys.registrationCounts(),
    queryFn: async () => {
      const [registered, all] = await Promise.all([
        sdk.admin.customer.list({ has_account: true, limit: 1, fields: "id" }),
        sdk.admin.customer.list({ limit: 1, fields: "id" }),
      ])
      return {
        registered: registered.count,
        notRegistered: Math.max(all.count - registered.count, 0),
      }
    },
  })
