/**
 * Every text of the customer page's "Login & credentials" widgets (the
 * section, its actions and prompts, the "Enter new password" drawer and the
 * activity list), in one place so they can be translated later.
 */
import type { CredentialEventAction } from "../../modules/credentials/event-actions"

const plural = (count: number, one: string, many: string) =>
  `${count} ${count === 1 ? one : many}`

/** "90" → "1 hour 30 minutes"; "2880" → "2 days". */
export const durationLabel = (minutes: number): string => {
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  const rest = minutes % 60
  const parts = [
    days ? plural(days, "day", "days") : "",
    hours ? plural(hours, "hour", "hours") : "",
    rest ? plural(rest, "minute", "minutes") : "",
  ].filter(Boolean)
  return parts.length ? parts.join(" ") : plural(0, "minute", "minutes")
}

export const credentialsLabels = {
  section: {
    title: "Login & credentials",
    registered: "Registered",
    notRegistered: "Not registered",
    loadError: "The login details could not be loaded.",
  },

  fields: {
    loginEnabled: "Login enabled",
    emailConfirmed: "Email confirmed",
    customerNumber: "Customer number",
    signsInWith: "Signs in with",
    lastSignIn: "Last sign-in",
    lastPasswordChange: "Last password change",
    temporaryPassword: "Temporary password",
    signInLock: "Sign-in lock",
  },

  values: {
    none: "-",
    never: "Never",
    notTemporary: "No",
    temporaryExpires: (date: string) =>
      `Must be changed at next sign-in; expires ${date}`,
    temporaryExpired: (date: string) => `Expired ${date}`,
    temporaryNoExpiry: "Must be changed at next sign-in, no expiry",
    lockedUntil: (date: string) => `Locked until ${date}`,
    notLocked: "Not locked",
    failedSignIns: (count: number) =>
      plural(count, "failed sign-in", "failed sign-ins"),
    /** The "Signs in with" row, by what the login takes. */
    signsInWith: {
      email: "Email",
      customer_number: "Customer number",
      both: "Email or customer number",
    },
  },

  switches: {
    loginEnabled: (email: string) => `Login turned on for ${email}`,
    loginDisabled: (email: string) => `Login turned off for ${email}`,
    emailConfirmed: (email: string) => `${email} is marked as confirmed`,
    emailUnconfirmed: (email: string) => `${email} is marked as not confirmed`,
    emailUnconfirmedLinkSent: (email: string) =>
      `${email} is marked as not confirmed; a confirmation link was sent`,
    unconfirmPrompt: {
      title: "Turn off Email confirmed?",
      description: (email: string) =>
        `${email} will not be able to sign in until the customer follows the confirmation link we email them now, and every session they have open ends.`,
      confirm: "Turn off and send a confirmation link",
    },
    disablePrompt: {
      title: "Turn off login?",
      description: (email: string) =>
        `${email} will no longer be able to sign in, and every session they have open ends now. Their password is kept: turn login back on to let them in again.`,
      confirm: "Turn off login",
    },
  },

  actions: {
    cancel: "Cancel",

    enterPassword: "Enter new password",
    enterPasswordOff:
      "Turned off: allow manual entry in the credential settings",
    openSettings: "Open credential settings",

    resetPassword: "Reset password",
    resetPasswordNotRegistered:
      "No login yet: use Create login or Send activation email",
    resetPrompt: {
      title: "Send a password reset email?",
      description: (email: string) =>
        `${email} will get an email with a link to choose a new password. The link works once and expires after 15 minutes; a newer link voids older ones. Their current password keeps working until they choose a new one.`,
      confirm: "Send reset email",
    },
    resetDone: (email: string) => `Password reset email sent to ${email}`,

    generate: "Generate and send credentials",
    createLogin: "Create login",
    generatePrompt: {
      title: "Generate and send new credentials?",
      description: (email: string, expiry: string) =>
        `A new random password will be emailed to ${email}. Their current password stops working now. The new password is temporary: they must change it at their next sign-in${expiry}. Login is turned on.`,
      confirm: "Generate and send",
    },
    createLoginPrompt: {
      title: "Create a login?",
      description: (email: string, expiry: string) =>
        `A login will be created for ${email} and a random temporary password emailed to them with their customer number. They must change the password at their first sign-in${expiry}.`,
      confirm: "Create login",
    },
    /** Appended to the generate prompts when temporary passwords expire. */
    generateExpiry: (duration: string) => `, and it expires after ${duration}`,
    generateDone: (email: string) => `New credentials sent to ${email}`,
    createLoginDone: (email: string) =>
      `Login created; credentials sent to ${email}`,

    sendActivation: "Send activation email",
    activationPrompt: {
      title: "Send an activation email?",
      registered: (email: string) =>
        `${email} will get a link to choose their own password and confirm their email address. The link works once; a newer link voids older ones. Their current password keeps working until they use it.`,
      notRegistered: (email: string) =>
        `${email} will get a link to choose a password and confirm their email address. A login and a customer number are created for them now; they can sign in once they have chosen their password.`,
      confirm: "Send activation email",
    },
    activationDone: (email: string) => `Activation email sent to ${email}`,

    unlock: "Unlock sign-in",
    unlockPrompt: {
      title: "Unlock sign-in?",
      description: (email: string) =>
        `${email} can sign in again at once, and their failed sign-in count starts over.`,
      confirm: "Unlock",
    },
    unlockDone: (email: string) => `Sign-in unlocked for ${email}`,

    failed: "Something went wrong. Try again.",
  },

  passwordForm: {
    title: "Enter new password",
    description: (email: string) =>
      `Set a password for ${email}. They get an email saying their password changed; the password itself is never sent.`,
    password: "New password",
    confirmPassword: "Confirm password",
    confirmMismatch: "The passwords differ.",
    strength: "Strength",
    strengthLevels: ["Weak", "Acceptable", "Average", "Strong", "Excellent"],
    strengthPending: "Checking…",
    /** Under the meter: what the form recommends, and the store's minimum. */
    strengthHint: (recommended: string, minimum: string | null) =>
      minimum
        ? `We recommend at least "${recommended}"; this store requires at least "${minimum}".`
        : `We recommend at least "${recommended}".`,
    policy: "Password policy",
    ruleMet: "Met",
    ruleUnmet: "Not met",
    temporary: "Temporary password",
    temporaryForced: (duration: string, date: string) =>
      `Every password entered here is temporary: the customer must change it at the next sign-in, and it expires after ${duration} (around ${date}). Set in the credential settings.`,
    temporaryNoExpiry: "Must be changed at next sign-in, no expiry.",
    permanent: "Permanent: the customer keeps it until it is changed.",
    emailConfirmed: "Email confirmed",
    emailConfirmedOn:
      "You checked that the customer owns this address: the login signs in at once.",
    emailConfirmedOff:
      "We email a confirmation link; the login signs in once the customer follows it.",
    cancel: "Cancel",
    save: "Save password",
    saved: (email: string) => `Password saved for ${email}`,
  },

  ssoLogins: {
    title: "Single sign-on",
    unlink: "Unlink",
    unlinkTitle: "Unlink this single sign-on login?",
    unlinkDescription: (label: string) =>
      `${label} will no longer sign in as this customer, and its open sessions end. A later sign-in with it links again only by a verified email.`,
    unlinked: "Single sign-on login unlinked.",
  },
  events: {
    title: "Login activity",
    empty: "No login activity yet.",
    loadError: "The login activity could not be loaded.",
    actors: {
      user: "by an admin",
      customer: "by the customer",
      system: "by the system",
    } as Record<string, string>,
    /**
     * One label per action the server writes (the type makes a missing one
     * a compile error), and the variant for a switch-off that sent a link.
     */
    actions: {
      login_enabled: "Login turned on",
      login_disabled: "Login turned off",
      email_confirmed: "Email marked as confirmed",
      email_unconfirmed: "Email marked as not confirmed",
      email_unconfirmed_link_sent:
        "Email marked as not confirmed, confirmation link sent",
      password_reset_requested: "Password reset email sent",
      password_set: "Password entered by an admin",
      credentials_generated: "Credentials generated and sent",
      activation_sent: "Activation email sent",
      customer_number_assigned: "Customer number assigned",
      registered: "Registered",
      activated: "Account activated",
      signed_in: "Signed in",
      sign_in_failed: "Sign-in failed",
      sign_in_refused: "Sign-in refused",
      locked: "Sign-in locked",
      unlocked: "Sign-in unlocked",
      password_changed: "Password changed",
      password_reset: "Password reset",
      sso_linked: "Single sign-on linked",
      sso_unlinked: "Single sign-on unlinked",
      sso_signed_in: "Signed in with single sign-on",
      sessions_ended: "Signed out everywhere",
      reference_added: "Login added to this account",
      reference_updated: "Login's rights for this account changed",
      reference_removed: "Login removed from this account",
      reference_password_set: "Password entered for a login of this account",
      reference_credentials_generated:
        "Credentials generated and sent to a login of this account",
      reference_password_reset_requested:
        "Reset link sent to a login of this account",
      reference_activation_sent:
        "Activation email sent to a login of this account",
      account_selected: "Account chosen at sign-in",
      email_sign_in_enabled:
        "Customer turned on signing in with their email (new password)",
      customer_created: "Customer created by an admin",
      login_email_changed:
        "Login moved to the customer's new email (sessions ended)",
    } satisfies Record<
      CredentialEventAction | "email_unconfirmed_link_sent",
      string
    >,
    /** An action this admin does not know yet (a newer server): never its code. */
    unknownAction: "Other login activity",
    /** "Customer created by an admin" says which login the admin chose. */
    createdWithLogin: {
      generate: "credentials generated and sent",
      password: "password entered",
      activation: "activation email sent",
      none: "no login",
    } as Record<string, string>,
    temporary: "temporary",
    previous: "Previous",
    next: "Next",
    range: (from: number, to: number, count: number) =>
      `${from}–${to} of ${count}`,
  },
}
