/**
 * The "Customer credentials" settings page: its texts, and the field list it
 * renders. Adding a setting the server knows is one entry in `settingsSections`
 * (its key, kind, bounds and texts); a field whose key the server does not
 * return is not shown, so the list may run ahead of an older server.
 */

export type SettingField =
  | { kind: "boolean"; key: string; label: string; description: string }
  | {
      kind: "integer"
      key: string
      label: string
      description: string
      min: number
      max: number
      unit?: string
    }
  | {
      kind: "text"
      key: string
      label: string
      description: string
      maxLength: number
    }
  | {
      /** A list of email domains, one per line or separated by commas. */
      kind: "domains"
      key: string
      label: string
      description: string
    }

export type SettingSection = {
  id: string
  title: string
  description: string
  fields: SettingField[]
}

export const settingsLabels = {
  title: "Customer credentials",
  description:
    "How customers register, sign in and recover access, and what admins may do with their logins.",
  save: "Save",
  discard: "Discard changes",
  saved: "Customer credential settings saved",
  failed: "The settings could not be saved.",
  loadError: "The settings could not be loaded.",
  invalid: "Correct the highlighted settings first.",
  menu: "Settings actions",
  resetDefaults: "Reset all to defaults",
  resetPrompt: {
    title: "Reset every setting to its default?",
    description:
      "Every setting saved here is cleared and the plugin's configured default applies again (the plugin options in medusa-config, or the built-in defaults).",
    confirm: "Reset settings",
    cancel: "Cancel",
  },
  resetDone: "Settings reset to their defaults",
  errors: {
    integer: "Enter a whole number.",
    range: (min: number, max: number) =>
      `Enter a number from ${min} to ${max}.`,
    text: (max: number) => `Enter 1 to ${max} characters.`,
    domain: (value: string) =>
      `"${value}" is not a domain such as example.com.`,
  },
  domainsPlaceholder: "example.com, example.org",
}

export const settingsSections: SettingSection[] = [
  {
    id: "accounts",
    title: "Customer accounts",
    description: "Registration and what a signed-in customer may do.",
    fields: [
      {
        kind: "boolean",
        key: "customer_accounts_enabled",
        label: "Customers can register",
        description:
          "Off: the storefront's registration answers that accounts are closed. Existing logins keep working.",
      },
      {
        kind: "boolean",
        key: "require_email_confirmation",
        label: "Require email confirmation",
        description:
          "A registered customer signs in only after confirming their email address.",
      },
      {
        kind: "boolean",
        key: "customers_can_change_password",
        label: "Customers can change their password",
        description:
          "Off: only admins and reset links change passwords. A temporary password can always be replaced.",
      },
      {
        kind: "boolean",
        key: "force_login",
        label: "Sign-in required to check out",
        description:
          "Completing a cart needs a signed-in customer; browsing stays open.",
      },
    ],
  },
  {
    id: "manual-entry",
    title: "Passwords set by admins",
    description: "What the customer page's password actions may do.",
    fields: [
      {
        kind: "boolean",
        key: "allow_manual_entry",
        label: "Allow manual entry",
        description:
          'Admins may type a customer\'s password ("Enter new password" on the customer page).',
      },
      {
        kind: "integer",
        key: "password_ticket_expiration_minutes",
        label: "Password ticket expiration",
        description:
          "Above 0, every password an admin enters or generates is temporary and expires after this many minutes. 0: an entered password is permanent unless marked temporary, and a temporary one has no expiry.",
        min: 0,
        max: 525600,
        unit: "minutes",
      },
    ],
  },
  {
    id: "policy",
    title: "Password policy",
    description: "Rules every new password must meet, whoever sets it.",
    fields: [
      {
        kind: "integer",
        key: "password_policy.min_length",
        label: "Minimum length",
        description: "Characters a password needs at least.",
        min: 6,
        max: 128,
        unit: "characters",
      },
      {
        kind: "boolean",
        key: "password_policy.require_uppercase",
        label: "Require a capital letter",
        description: "At least one upper-case letter.",
      },
      {
        kind: "boolean",
        key: "password_policy.require_digit",
        label: "Require a digit",
        description: "At least one digit.",
      },
      {
        kind: "boolean",
        key: "password_policy.require_special",
        label: "Require a special character",
        description: "At least one character such as ! ? # or %.",
      },
    ],
  },
  {
    id: "lockout",
    title: "Sign-in lockout",
    description: "What happens after repeated wrong passwords.",
    fields: [
      {
        kind: "integer",
        key: "lockout_threshold",
        label: "Failed sign-ins before a lock",
        description: "Wrong passwords within the window that lock the account.",
        min: 1,
        max: 1000,
        unit: "sign-ins",
      },
      {
        kind: "integer",
        key: "lockout_window_minutes",
        label: "Window",
        description: "The period in which failed sign-ins are counted.",
        min: 1,
        max: 1440,
        unit: "minutes",
      },
      {
        kind: "integer",
        key: "lockout_minutes",
        label: "Lock duration",
        description: "How long a locked account stays locked.",
        min: 1,
        max: 1440,
        unit: "minutes",
      },
    ],
  },
  {
    id: "sso",
    title: "Single sign-on",
    description: "Sign-in through the store's OpenID Connect provider.",
    fields: [
      {
        kind: "boolean",
        key: "sso_enabled",
        label: "Enable single sign-on",
        description:
          "Customers may sign in with the store's identity provider.",
      },
      {
        kind: "boolean",
        key: "sso_only",
        label: "Single sign-on only",
        description:
          "Password sign-in, registration and recovery are turned off.",
      },
      {
        kind: "text",
        key: "sso_button_label",
        label: "Button label",
        description: "The text of the storefront's sign-in button.",
        maxLength: 100,
      },
      {
        kind: "domains",
        key: "sso_allowed_email_domains",
        label: "Allowed email domains",
        description:
          "Emails a single sign-on may link or create, one domain per line or separated by commas. Empty: any domain.",
      },
    ],
  },
  {
    id: "permissions",
    title: "Business customer rights",
    description:
      "What B2B logins may do store-wide; a login's own rights can only narrow these.",
    fields: [
      {
        kind: "boolean",
        key: "permissions.place_orders",
        label: "Place orders",
        description: "Complete carts and check out.",
      },
      {
        kind: "boolean",
        key: "permissions.view_orders",
        label: "View orders",
        description: "See the account's orders.",
      },
      {
        kind: "boolean",
        key: "permissions.view_invoices",
        label: "View invoices",
        description: "See invoices (the storefront honours this).",
      },
      {
        kind: "boolean",
        key: "permissions.view_prices",
        label: "View prices",
        description: "See prices (the storefront honours this).",
      },
      {
        kind: "boolean",
        key: "permissions.change_default_settings",
        label: "Change default settings",
        description: "Change account settings, such as the password.",
      },
      {
        kind: "boolean",
        key: "permissions.manage_addresses",
        label: "Manage addresses",
        description: "Add, edit and remove the account's addresses.",
      },
    ],
  },
]
