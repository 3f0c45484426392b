/**
 * The lock under which a login's password changes. Every flow that sets a
 * password (generate and send, the admin's manual entry, the customer's own
 * change) checks, hashes and records under it, so two at once run one after
 * the other: the credential row always describes the password in force (a
 * generated password stays temporary, a chosen one permanent), and a
 * customer's change that started before an admin's generate fails on the
 * current password instead of silently overwriting the new one.
 */
export const passwordLockKey = (email: string) =>
  `customer-credentials:password:${email.trim().toLowerCase()}`
