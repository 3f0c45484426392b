/**
 * Query keys of the plugin's admin data, built in one place like the core
 * admin's `queryKeysFactory`, so a mutation invalidates exactly what it
 * changed.
 */
const ROOT = "customer-credentials" as const

export const credentialsQueryKeys = {
  all: [ROOT] as const,
  customer: (customerId: string) => [ROOT, "customer", customerId] as const,
  detail: (customerId: string) =>
    [ROOT, "customer", customerId, "detail"] as const,
  events: (customerId: string, query?: { limit: number; offset: number }) =>
    query
      ? ([ROOT, "customer", customerId, "events", query] as const)
      : ([ROOT, "customer", customerId, "events"] as const),
  ssoLogins: (customerId: string) =>
    [ROOT, "customer", customerId, "sso-logins"] as const,
  references: (customerId: string) =>
    [ROOT, "customer", customerId, "references"] as const,
  settings: () => [ROOT, "settings"] as const,
  registrationCounts: () => [ROOT, "registration-counts"] as const,
}

/** The core admin's customer queries (list and detail badge "Registered"). */
export const coreCustomersQueryKey = ["customers"] as const
