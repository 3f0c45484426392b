/**
 * The lock under which a reset token is issued for an email. Core voids a
 * login's earlier tokens and then creates the new one, in two statements:
 * two requests at once would both void and both create, leaving two valid
 * tokens. The admin's "Reset password" and the storefront's forgot-password
 * route (issue-reset-token-after-answering.ts) take this lock around core's workflow.
 */
export const resetTokenLockKey = (email: string) =>
  `customer-credentials:reset-token:${email.trim().toLowerCase()}`
