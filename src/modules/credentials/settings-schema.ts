// The admin bundle imports this file, and cannot load the framework; the
// framework's `@medusajs/framework/zod` re-exports this same package (4.2.0).
// eslint-disable-next-line @medusajs/zod-import-source
import { z } from "zod"
import type { SignInWith } from "./sign-in-identifiers"

/**
 * The store-wide credential settings, stated once. Each setting's rule (type,
 * bounds, normalisation) is here, and everything else is derived from it:
 * the plugin options' `settings` (`options.ts`), the admin's PATCH body
 * (`api/admin/credential-settings/validators.ts`), the saved columns and
 * their mapping (`service.ts`), the type of the settings in force, and the
 * admin settings page's kinds, bounds and checks (`admin/lib/settings-form.ts`).
 *
 * Pure: it imports only zod, so the admin bundle imports this very file.
 * The table itself is a DML model (`models/credential-settings.ts`) with its
 * migrations; `unit-tests/settings-schema.spec.ts` fails when the two drift.
 */

export const CUSTOMER_PERMISSIONS = [
  "place_orders",
  "view_orders",
  "view_invoices",
  "view_prices",
  "change_default_settings",
  "manage_addresses",
] as const

export type CustomerPermission = (typeof CUSTOMER_PERMISSIONS)[number]

/**
 * What a login signs in with: its email, its customer number, or either.
 * The store-wide setting `backoffice_activation_sign_in` chooses it for the
 * logins an admin activates (the customer page's or a bulk job's activation
 * link); a login's own choice is its credential row's `sign_in_with`.
 */
export const SIGN_IN_IDENTIFIERS = [
  "customer_number",
  "email",
  "both",
] as const satisfies readonly SignInWith[]

/** An email domain such as example.com, trimmed and lower-cased. */
export const emailDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, "must be a domain such as example.com")

const wholeMinutes = (min: number, max: number) =>
  z.number().int().min(min).max(max)

/** The settings that are one column each, of the same name. */
export const plainSettingSchemas = {
  /**
   * Off: the store offers no customer accounts: sign-in (password and SSO,
   * token refresh included), registration and self-service reset are closed.
   */
  customer_accounts_enabled: z.boolean(),
  /** Off: no new registrations (storefront or SSO); existing logins sign in. */
  registration_enabled: z.boolean(),
  /** Off: forgot-password answers as always and sends nothing; admins still send resets. */
  customers_can_reset_password: z.boolean(),
  /** Admins may type a customer's password. */
  allow_manual_entry: z.boolean(),
  /** Above 0, admin-set passwords expire after this many minutes (at most a year). */
  password_ticket_expiration_minutes: wholeMinutes(0, 525600),
  require_email_confirmation: z.boolean(),
  customers_can_change_password: z.boolean(),
  /** No purchase without a signed-in customer. */
  force_login: z.boolean(),
  /** Failed sign-ins within the window that lock an account. */
  lockout_threshold: z.number().int().min(1).max(1000),
  lockout_window_minutes: wholeMinutes(1, 24 * 60),
  /** How long a locked account stays locked. */
  lockout_minutes: wholeMinutes(1, 24 * 60),
  /** Sign-in through the store's OpenID Connect provider. */
  sso_enabled: z.boolean(),
  /** SSO is the only way in: password sign-in, registration and recovery answer 403. */
  sso_only: z.boolean(),
  sso_button_label: z.string().trim().min(1).max(100),
  /** Emails an SSO sign-in may link or create; empty: any domain. */
  sso_allowed_email_domains: z.array(emailDomainSchema).max(50),
  /**
   * What a login activated by an admin (customer page or bulk) signs in
   * with, fixed when the link is sent. Storefront registrations sign in with
   * their email whatever this says.
   */
  backoffice_activation_sign_in: z.enum(SIGN_IN_IDENTIFIERS),
}

/** The password policy: the API's `password_policy.<rule>`, column `password_<rule>`. */
export const passwordPolicySchemas = {
  min_length: z.number().int().min(6).max(128),
  require_uppercase: z.boolean(),
  require_digit: z.boolean(),
  require_special: z.boolean(),
  /**
   * The lowest zxcvbn score a new password may have: 0 none (the default),
   * 1 acceptable, 2 average, 3 strong, 4 excellent.
   */
  min_strength: z.number().int().min(0).max(4),
}

/** Store-wide rights of B2B logins (one JSON column); a login's own only narrow them. */
export const permissionsSchema = z.partialRecord(
  z.enum(CUSTOMER_PERMISSIONS),
  z.boolean()
)

type PlainSchemas = typeof plainSettingSchemas
type PolicySchemas = typeof passwordPolicySchemas

export type PasswordPolicy = {
  [K in keyof PolicySchemas]: z.output<PolicySchemas[K]>
}

/** The store-wide settings in force: saved values over plugin options over defaults. */
export type CredentialSettingsValues = {
  [K in keyof PlainSchemas]: z.output<PlainSchemas[K]>
} & {
  password_policy: PasswordPolicy
  permissions: Record<CustomerPermission, boolean>
}

const eachNullable = <T extends Record<string, z.ZodType>>(shape: T) =>
  Object.fromEntries(
    Object.entries(shape).map(([key, schema]) => [key, schema.nullable()])
  ) as { [K in keyof T]: z.ZodNullable<T[K]> }

/** The plugin options' `settings`: any subset, merged over the defaults. */
export const settingsOptionsSchema = z
  .object({
    ...plainSettingSchemas,
    password_policy: z.object(passwordPolicySchemas).partial().strict(),
    permissions: permissionsSchema,
  })
  .partial()
  .strict()

/** What an admin saves: any subset; `null` hands a setting back to the options. */
export const settingsPatchSchema = z
  .object({
    ...eachNullable(plainSettingSchemas),
    password_policy: z
      .object(eachNullable(passwordPolicySchemas))
      .partial()
      .strict(),
    /** Merged into what is saved; null hands every right back to the options. */
    permissions: permissionsSchema.nullable(),
  })
  .partial()
  .strict()

export type CredentialSettingsPatch = z.output<typeof settingsPatchSchema>

export type SettingColumn =
  keyof PlainSchemas | `password_${keyof PolicySchemas}` | "permissions"

const keysOf = <T extends object>(object: T) =>
  Object.keys(object) as (keyof T & string)[]

const policyColumn = <K extends keyof PolicySchemas>(rule: K) =>
  `password_${rule}` as const

/** The columns an admin's settings are saved in (besides id, store_id, dates). */
export const SETTING_COLUMNS: readonly SettingColumn[] = [
  ...keysOf(plainSettingSchemas),
  ...keysOf(passwordPolicySchemas).map(policyColumn),
  "permissions",
]

/** The columns of a settings row, as saved (null: not overridden). */
export type SavedCredentialSettings = {
  [K in keyof PlainSchemas]: z.output<PlainSchemas[K]> | null
} & {
  [K in keyof PolicySchemas as `password_${K}`]: z.output<
    PolicySchemas[K]
  > | null
} & {
  permissions: Partial<Record<CustomerPermission, boolean>> | null
}

/** Nothing saved: every column null. */
export const emptySavedSettings = (): SavedCredentialSettings =>
  Object.fromEntries(
    SETTING_COLUMNS.map((column) => [column, null])
  ) as SavedCredentialSettings

/** The built-in defaults, under the plugin options. */
export const DEFAULT_SETTINGS: CredentialSettingsValues = {
  customer_accounts_enabled: true,
  registration_enabled: true,
  customers_can_reset_password: true,
  allow_manual_entry: false,
  password_ticket_expiration_minutes: 0,
  require_email_confirmation: true,
  customers_can_change_password: true,
  password_policy: {
    min_length: 8,
    require_uppercase: true,
    require_digit: true,
    require_special: true,
    min_strength: 0,
  },
  force_login: false,
  lockout_threshold: 5,
  lockout_window_minutes: 15,
  lockout_minutes: 15,
  sso_enabled: false,
  sso_only: false,
  sso_button_label: "Sign in with your company account",
  sso_allowed_email_domains: [],
  backoffice_activation_sign_in: "customer_number",
  permissions: {
    place_orders: true,
    view_orders: true,
    view_invoices: true,
    view_prices: true,
    change_default_settings: true,
    manage_addresses: true,
  },
}

/** The options' settings (already parsed) over the defaults. */
export const mergeSettingsOptions = (
  options: z.output<typeof settingsOptionsSchema> | undefined,
  defaults: CredentialSettingsValues = DEFAULT_SETTINGS
): CredentialSettingsValues => ({
  ...defaults,
  ...options,
  password_policy: { ...defaults.password_policy, ...options?.password_policy },
  permissions: { ...defaults.permissions, ...options?.permissions },
})

/** The settings in force: each saved value, else the options' (`base`). */
export const resolveSettings = (
  saved: SavedCredentialSettings,
  base: CredentialSettingsValues
): CredentialSettingsValues => {
  const plain = Object.fromEntries(
    keysOf(plainSettingSchemas).map((key) => [key, saved[key] ?? base[key]])
  ) as { [K in keyof PlainSchemas]: CredentialSettingsValues[K] }
  const policy = Object.fromEntries(
    keysOf(passwordPolicySchemas).map((rule) => [
      rule,
      saved[policyColumn(rule)] ?? base.password_policy[rule],
    ])
  ) as PasswordPolicy
  return {
    ...plain,
    password_policy: policy,
    permissions: { ...base.permissions, ...saved.permissions },
  }
}

/**
 * The columns an admin's patch writes: the nested API shape flattened, and
 * rights merged one by one into what was saved (`null` resets them all).
 */
export const toSettingColumns = (
  patch: CredentialSettingsPatch,
  previous: SavedCredentialSettings
): Partial<SavedCredentialSettings> => {
  const columns: Record<string, unknown> = {}
  for (const key of keysOf(plainSettingSchemas)) {
    if (patch[key] !== undefined) {
      columns[key] = patch[key]
    }
  }
  for (const rule of keysOf(passwordPolicySchemas)) {
    if (patch.password_policy?.[rule] !== undefined) {
      columns[policyColumn(rule)] = patch.password_policy[rule]
    }
  }
  if (patch.permissions !== undefined) {
    columns.permissions =
      patch.permissions === null
        ? null
        : { ...previous.permissions, ...patch.permissions }
  }
  return columns as Partial<SavedCredentialSettings>
}

const owns = (object: object, key: string) =>
  Object.prototype.hasOwnProperty.call(object, key)

/** A whole saved row (compensation puts one back) rather than an admin's patch. */
export const isSavedSettingsRow = (
  value: CredentialSettingsPatch | SavedCredentialSettings
): value is SavedCredentialSettings => owns(value, policyColumn("min_length"))

/**
 * The rule for one setting by its API path ("lockout_minutes",
 * "password_policy.min_length", "permissions.view_prices"), or undefined.
 */
export const settingSchemaAt = (path: string): z.ZodType | undefined => {
  const [group, key, ...rest] = path.split(".")
  if (rest.length) {
    return undefined
  }
  if (key === undefined) {
    return owns(plainSettingSchemas, group)
      ? plainSettingSchemas[group as keyof PlainSchemas]
      : undefined
  }
  if (group === "password_policy") {
    return owns(passwordPolicySchemas, key)
      ? passwordPolicySchemas[key as keyof PolicySchemas]
      : undefined
  }
  if (group === "permissions") {
    return (CUSTOMER_PERMISSIONS as readonly string[]).includes(key)
      ? z.boolean()
      : undefined
  }
  return undefined
}

/** Every API path an admin form may name (see `settingSchemaAt`). */
export type SettingPath =
  | keyof PlainSchemas
  | `password_policy.${keyof PolicySchemas}`
  | `permissions.${CustomerPermission}`
