/**
 * Every text of the customer page's "Logins for this account" widget (B2B
 * references: the people who may sign in for this customer), in one place so
 * they can be translated later.
 */
import type { ReferencePermission } from "../lib/types"

export const referencesLabels = {
  section: {
    title: "Logins for this account",
    description:
      "People who may sign in for this customer (B2B references). One email has one password across every account it belongs to.",
    add: "Add login",
    empty: "No logins are linked to this account yet.",
    loadError: "The logins could not be loaded.",
    signsIn: "May sign in",
    mayNotSignIn: "May not sign in",
    rightsCount: (on: number, total: number) => `${on} of ${total} rights`,
    edit: "Edit",
    remove: "Remove",
    hasPassword: "Has password",
    noPassword: "No password yet",
    emailNotConfirmed: "Email not confirmed",
    locked: "Locked",
    lastSignedIn: (date: string) => `Last signed in ${date}`,
    neverSignedIn: "Never signed in",
  },

  /** The customer page's credential actions, for one person's login. */
  actions: {
    enterPassword: "Enter password",
    generate: "Generate and send credentials",
    createLogin: "Create login",
    reset: "Send reset link",
    activation: "Send activation",
    cancel: "Cancel",
    failed: "The action failed.",
    generatePrompt: {
      title: "Generate and send credentials?",
      description: (email: string) =>
        `A new temporary password is emailed to ${email}. It replaces their current password for every account they belong to, and they choose their own at the first sign-in.`,
      confirm: "Generate and send",
    },
    createPrompt: {
      title: "Create a login and send it?",
      description: (email: string) =>
        `${email} gets an email with a temporary password. They choose their own at the first sign-in.`,
      confirm: "Create and send",
    },
    resetPrompt: {
      title: "Send a reset link?",
      description: (email: string) =>
        `${email} gets an email with a single-use link to choose a new password. Their current password keeps working until they use it.`,
      confirm: "Send reset link",
    },
    activationPrompt: {
      title: "Send an activation email?",
      description: (email: string) =>
        `${email} gets a link to choose their password and confirm their email address.`,
      confirm: "Send activation",
    },
    generated: (email: string) => `Credentials sent to ${email}`,
    resetSent: (email: string) => `Reset link sent to ${email}`,
    activationSent: (email: string) => `Activation email sent to ${email}`,
  },

  /** The drawer after adding a person who has no password they know. */
  nextStep: {
    title: "Give the login a password",
    description: (email: string) =>
      `${email} has no password yet and will not be able to sign in until they have one. Nothing has been sent: choose how they get one.`,
    activation: "Send activation",
    activationHint:
      "They choose their password with a link and confirm their email address.",
    generate: "Generate and send",
    generateHint:
      "They get a temporary password by email and choose their own at the first sign-in.",
    later: "Not now",
  },

  permissions: {
    place_orders: "Place orders",
    view_orders: "View orders",
    view_invoices: "View invoices",
    view_prices: "View prices",
    change_default_settings: "Change default settings",
    manage_addresses: "Manage addresses",
  } satisfies Record<ReferencePermission, string>,

  drawer: {
    addTitle: "Add login",
    editTitle: "Edit login",
    addDescription:
      "An email that already has a login keeps its password: the person signs in as before and can then choose this account.",
    editDescription: (email: string) => `Rights of ${email} for this account.`,
    email: "Email",
    displayName: "Display name",
    displayNameHint: "Shown to the person when they choose an account.",
    internetUser: "May sign in for this account",
    internetUserHint:
      "Off: the login stays linked but this account is not offered at sign-in.",
    rights: "Rights",
    rightsHint:
      "A right applies only when it is also on store-wide (Settings → Customer credentials).",
    offStoreWide: "Off store-wide",
    cancel: "Cancel",
    save: "Save",
    added: (email: string) => `${email} can now act for this account`,
    saved: (email: string) => `Saved the rights of ${email}`,
    failed: "The login could not be saved.",
  },

  removePrompt: {
    title: "Remove this login from the account?",
    description: (email: string) =>
      `${email} will no longer be able to sign in for this account. Their login and password stay as they are for any other account they belong to.`,
    confirm: "Remove",
    cancel: "Cancel",
    removed: (email: string) => `${email} was removed from this account`,
    failed: "The login could not be removed.",
  },
}
