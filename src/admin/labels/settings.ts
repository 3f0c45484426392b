/**
 * The "Customer credentials" settings page: its texts, and the field list it
 * renders. Adding a setting the server knows is one entry in `settingsSections`
 * (its key and texts); a field whose key the server does not return is not
 * shown, so the list may run ahead of an older server.
 */
import type { SettingPath } from "../../modules/credentials/settings-schema"

/**
 * One setting's texts. Its kind (switch, number, text, domain list), bounds
 * and checks come from the server's schema for the same key
 * (`modules/credentials/settings-schema.ts`, through `lib/settings-form.ts`).
 */
export type SettingLabel = {
  key: SettingPath
  label: string
  description: string
  /** Shown after a number input. */
  unit?: string
  /** A choice's texts, by value. */
  choices?: Record<string, string>
}

export type SettingSection = {
  id: string
  title: string
  description: string
  fields: SettingLabel[]
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
    choice: "Choose one of the options.",
    domain: (value: string) =>
      `"${value}" is not a domain such as example.com.`,
  },
  domainsPlaceholder: "example.com, example.org",
}

export const settingsSections: SettingSection[] = [
  {
    id: "accounts",
    title: "Customer accounts",
    description:
      "Whether customers have accounts, how they get one, and what a signed-in customer may do.",
    fields: [
      {
        key: "customer_accounts_enabled",
        label: "Customer accounts",
        description:
          "Off: customers can neither sign in nor register (password or single sign-on), and the storefront hides its sign-in menu; shoppers check out as guests. Admins still manage logins.",
      },
      {
        key: "registration_enabled",
        label: "Customers can register",
        description:
          "Off: the storefront's and single sign-on's registration answer that registration is closed. Existing logins keep signing in.",
      },
      {
        key: "customers_can_reset_password",
        label: "Customers can reset their own password",
        description:
          'Off: "Forgot password" sends nothing (it answers as always, and the storefront hides the link). Reset links sent from the customer page still work.',
      },
      {
        key: "require_email_confirmation",
        label: "Require email confirmation",
        description:
          "A registered customer signs in only after confirming their email address.",
      },
      {
        key: "customers_can_change_password",
        label: "Customers can change their password",
        description:
          "Off: only admins and reset links change passwords. A temporary password can always be replaced.",
      },
      {
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
        key: "allow_manual_entry",
        label: "Allow manual entry",
        description:
          'Admins may type a customer\'s password ("Enter new password" on the customer page).',
      },
      {
        key: "password_ticket_expiration_minutes",
        label: "Password ticket expiration",
        description:
          "Above 0, every password an admin enters or generates is temporary and expires after this many minutes. 0: an entered password is permanent unless marked temporary, and a temporary one has no expiry.",
        unit: "minutes",
      },
      {
        key: "backoffice_activation_sign_in",
        label: "Activated accounts sign in with",
        description:
          "What a login made by an activation email sent from the customer page or a bulk job signs in with, fixed when the email is sent; the email says so. Customer number only: the email address does not sign in (the customer can add it from their account with a new password). Storefront registrations and logins made before always sign in with their email.",
        choices: {
          customer_number: "Customer number",
          email: "Email",
          both: "Email or customer number",
        },
      },
    ],
  },
  {
    id: "policy",
    title: "Password policy",
    description: "Rules every new password must meet, whoever sets it.",
    fields: [
      {
        key: "password_policy.min_length",
        label: "Minimum length",
        description: "Characters a password needs at least.",
        unit: "characters",
      },
      {
        key: "password_policy.require_uppercase",
        label: "Require a capital letter",
        description: "At least one upper-case letter.",
      },
      {
        key: "password_policy.require_digit",
        label: "Require a digit",
        description: "At least one digit.",
      },
      {
        key: "password_policy.require_special",
        label: "Require a special character",
        description: "At least one character such as ! ? # or %.",
      },
      {
        key: "password_policy.min_strength",
        label: "Minimum strength",
        description:
          'The lowest strength score (zxcvbn) a new password may have: 0 no minimum, 1 acceptable, 2 average, 3 strong, 4 excellent. Checked on the server wherever a password is set; the forms recommend at least 3, "Strong". Generated passwords are always excellent.',
        unit: "of 4",
      },
    ],
  },
  {
    id: "lockout",
    title: "Sign-in lockout",
    description: "What happens after repeated wrong passwords.",
    fields: [
      {
        key: "lockout_threshold",
        label: "Failed sign-ins before a lock",
        description: "Wrong passwords within the window that lock the account.",
        unit: "sign-ins",
      },
      {
        key: "lockout_window_minutes",
        label: "Window",
        description: "The period in which failed sign-ins are counted.",
        unit: "minutes",
      },
      {
        key: "lockout_minutes",
        label: "Lock duration",
        description: "How long a locked account stays locked.",
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
        key: "sso_enabled",
        label: "Enable single sign-on",
        description:
          "Customers may sign in with the store's identity provider.",
      },
      {
        key: "sso_only",
        label: "Single sign-on only",
        description:
          "Password sign-in, registration and recovery are turned off.",
      },
      {
        key: "sso_button_label",
        label: "Button label",
        description: "The text of the storefront's sign-in button.",
      },
      {
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
        key: "permissions.place_orders",
        label: "Place orders",
        description: "Complete carts and check out.",
      },
      {
        key: "permissions.view_orders",
        label: "View orders",
        description: "See the account's orders.",
      },
      {
        key: "permissions.view_invoices",
        label: "View invoices",
        description: "See invoices (the storefront honours this).",
      },
      {
        key: "permissions.view_prices",
        label: "View prices",
        description: "See prices (the storefront honours this).",
      },
      {
        key: "permissions.change_default_settings",
        label: "Change default settings",
        description: "Change account settings, such as the password.",
      },
      {
        key: "permissions.manage_addresses",
        label: "Manage addresses",
        description: "Add, edit and remove the account's addresses.",
      },
    ],
  },
]
