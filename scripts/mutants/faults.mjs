/**
 * Deliberate faults for the mutation check (`npm run test:mutants`, run by
 * `run.mjs`). Each breaks one promise of the README or docs/security.md the
 * way a plausible wrong implementation would, and names the specs (and, with
 * `tests`, jest's --testNamePattern) that must notice it.
 *
 *   id       a stable name
 *   promise  what the fault breaks, in the docs' words
 *   file     the source file, from the repository root
 *   search   an exact string found exactly once in the file (else the run
 *            fails: code that moved must be found again, not skipped)
 *   replace  what it becomes
 *   specs    spec files that must fail with the fault (modules or http)
 *   tests    optional --testNamePattern (a regular expression)
 *
 * A fault changes behaviour, never syntax: each one is a program a
 * developer could have written.
 */

const HTTP = "integration-tests/http/"
const MODULES = "integration-tests/modules/"

/** The store's default password policy, as a fault hard-codes it. */
const DEFAULT_POLICY =
  "{ min_length: 8, require_uppercase: true, require_digit: true, require_special: true, min_strength: 0 }"

export const faults = [
  // ── Sign-in gates (src/workflows/shared/utils/login-gates.ts) ────────────────────────
  {
    id: "login-enabled-gate-skipped",
    promise: "a login with sign-in turned off is refused (login_disabled)",
    file: "src/workflows/shared/utils/login-gates.ts",
    search: "if (!credential.login_enabled) {",
    replace: "if (false) {",
    specs: [`${HTTP}store-sign-in.spec.ts`],
    tests: "refuses a disabled login",
  },
  {
    id: "email-confirmed-gate-skipped",
    promise:
      "a login whose email confirmation is pending is refused at sign-in (email_not_confirmed)",
    file: "src/workflows/shared/utils/login-gates.ts",
    search: "if (!verification?.verified_at) {",
    replace: "if (false) {",
    specs: [`${HTTP}gates-registration-takeover.spec.ts`],
    tests: "waits for its link refused at sign-in and refresh",
  },
  {
    id: "email-confirmed-gate-skipped-for-admin-made-logins",
    promise:
      "a login whose Email confirmed is off does not sign in, whoever made it, until the confirmation link is followed (email_not_confirmed)",
    file: "src/workflows/shared/utils/login-gates.ts",
    search: "if (!verification?.verified_at) {",
    replace: "if (verification && !verification.verified_at) {",
    specs: [`${HTTP}gates-email-confirmed.spec.ts`],
    tests: "admin made with a password|turns Email confirmed off",
  },
  {
    id: "lazy-credential-row-unconfirmed",
    promise:
      "customers whose login is older than the plugin keep signing in (the row made for them is confirmed)",
    file: "src/modules/credentials/models/customer-credential.ts",
    search: "email_confirmed: model.boolean().default(true),",
    replace: "email_confirmed: model.boolean().default(false),",
    specs: [`${HTTP}gates-email-confirmed.spec.ts`],
    tests: "older than the plugin",
  },
  {
    id: "email-unconfirmed-link-not-sent",
    promise:
      "turning Email confirmed off in the admin sends the confirmation link, once",
    file: "src/workflows/credentials/update-customer-credentials.ts",
    search: "({ linkSent }) => linkSent",
    replace: "({ linkSent }) => false",
    specs: [`${HTTP}gates-email-confirmed.spec.ts`],
    tests: "sends exactly one working link",
  },
  {
    id: "temporary-password-expiry-ignored-at-sign-in",
    promise: "an expired temporary password does not sign in",
    file: "src/workflows/shared/utils/login-gates.ts",
    search: "new Date(credential.temporary_password_expires_at) <= now",
    replace:
      "new Date(credential.temporary_password_expires_at) <= new Date(0)",
    specs: [`${HTTP}store-sign-in.spec.ts`],
    tests: "refuses an expired temporary password",
  },

  // ── Tokens and sessions (src/api/gates/session-verdict.ts, gate-customer-token.ts, refresh) ──
  {
    id: "session-epoch-not-compared",
    promise:
      "a token issued before the login's sessions ended is refused everywhere",
    file: "src/workflows/shared/utils/login-sessions.ts",
    search:
      "sessionEpochOf(tokenAppMetadata) === sessionEpochOf(identityAppMetadata)",
    replace:
      "sessionEpochOf(tokenAppMetadata) === sessionEpochOf(identityAppMetadata) || true",
    specs: [`${HTTP}gates-regressions.spec.ts`],
    tests: "ends the old token after the customer's own change",
  },
  {
    id: "temporary-password-expiry-ignored-in-session",
    promise: "a session opened with a temporary password ends when it expires",
    file: "src/api/gates/session-verdict.ts",
    search: "new Date(login.temporary_password_expires_at) <= new Date()",
    replace: "new Date(login.temporary_password_expires_at) <= new Date(0)",
    specs: [`${HTTP}gates-regressions.spec.ts`],
    tests: "temporary passwords bind the login",
  },
  {
    id: "reference-removal-keeps-session",
    promise: "a B2B token ends when its reference stops being an internet user",
    file: "src/api/gates/session-verdict.ts",
    search: "if (!mayActFor) {",
    replace: "if (false) {",
    specs: [`${HTTP}promises-session-state.spec.ts`],
    tests: "reference is not an internet user",
  },
  {
    id: "login-disabled-session-kept",
    promise:
      "a token of an account whose sign-in is off no longer authenticates (login_disabled)",
    file: "src/api/gates/session-verdict.ts",
    search:
      "if ((account && !account.login_enabled) || (login && !login.login_enabled)) {",
    replace: "if (false) {",
    specs: [`${HTTP}promises-session-state.spec.ts`],
  },
  {
    id: "temporary-password-not-binding",
    promise:
      "a session opened with a temporary password may only change it (403 password_change_required)",
    file: "src/api/gates/gate-customer-token.ts",
    search: "verdict.must_change_password &&",
    replace: "false &&",
    specs: [`${HTTP}store-sign-in.spec.ts`],
    tests: "lets a temporary password call only the change-password route",
  },
  {
    id: "refresh-keeps-actor-unchecked",
    promise: "a refresh keeps the account chosen at sign-in",
    file: "src/api/gates/refresh-customer-token.ts",
    search:
      "accounts.find((account) => account.customer_id === context.actor_id)",
    replace: "accounts[0]",
    specs: [`${HTTP}gates-regressions.spec.ts`],
    tests: "keeps the chosen account on refresh",
  },
  {
    id: "refresh-skips-sign-in-gates",
    promise:
      "a refresh is checked like a new sign-in (sign-in on, email confirmed, temporary password not expired)",
    file: "src/api/gates/refresh-customer-token.ts",
    search: "if (provider === EMAILPASS_PROVIDER && email) {",
    replace: "if (false) {",
    specs: [`${HTTP}gates-registration-takeover.spec.ts`],
    tests: "waits for its link refused at sign-in and refresh",
  },
  {
    id: "session-fixation",
    promise:
      "POST /auth/session signs in under a new session id, never one the request brought",
    file: "src/api/gates/gate-auth-routes.ts",
    search: "  if (!session?.regenerate) {",
    replace: "  if (true) {",
    specs: [`${HTTP}gates-regressions.spec.ts`],
    tests: "session fixation",
  },

  // ── What ends a login's sessions ────────────────────────────────────────
  {
    id: "new-password-keeps-sessions",
    promise:
      "a password set by an admin or generated ends the login's sessions",
    file: "src/workflows/credentials/steps/set-customer-password.ts",
    search:
      "// A new password ends every session the old one opened.\n        undo.ended_sessions = await endLoginSessions(",
    replace:
      "// A new password ends every session the old one opened.\n        undo.ended_sessions = await (async (..._args: unknown[]) => [])(",
    specs: [`${HTTP}gates-route-matrix.spec.ts`],
    tests: "refuses the old token everywhere: password entered by an admin",
  },
  {
    id: "reset-keeps-sessions",
    promise: "a password reset through the link ends the login's sessions",
    file: "src/workflows/credentials/record-password-reset.ts",
    search: "auth_identity_ids: [customer.auth_identity_id],",
    replace: "auth_identity_ids: [],",
    specs: [`${HTTP}gates-route-matrix.spec.ts`],
    tests: "refuses the old token everywhere: password reset through the link",
  },
  {
    id: "disable-keeps-sessions",
    promise:
      "sign-in turned off ends the sessions (turning it on again revives none)",
    file: "src/workflows/credentials/update-customer-credentials.ts",
    search:
      "({ input, unconfirms }) => input.login_enabled === false || unconfirms",
    replace: "() => false",
    specs: [`${HTTP}gates-route-matrix.spec.ts`],
    tests: "refuses the old token everywhere: login disabled and enabled again",
  },
  {
    id: "sign-out-everywhere-admin-ends-nothing",
    promise: "an admin's Sign out everywhere ends every session of the account",
    file: "src/workflows/credentials/end-customer-sessions.ts",
    search: "          : logins,",
    replace: "          : [],",
    specs: [`${HTTP}gates-route-matrix.spec.ts`],
    tests:
      "refuses the old token everywhere: signed out everywhere by an admin",
  },
  {
    id: "sign-out-everywhere-customer-ends-nothing",
    promise:
      "the customer's Sign out everywhere ends every session of the login",
    file: "src/workflows/credentials/end-customer-sessions.ts",
    search: "          ? [input.auth_identity_id]",
    replace: "          ? []",
    specs: [`${HTTP}gates-route-matrix.spec.ts`],
    tests:
      "refuses the old token everywhere: signed out everywhere by the customer",
  },

  {
    id: "admin-email-change-keeps-old-email-login",
    promise:
      "an admin's email change through core moves the customer's own login to the new email",
    file: "src/workflows/credentials/steps/move-login-email.ts",
    search: "      entity_id: input.to,",
    replace: "      entity_id: input.from,",
    specs: [`${HTTP}admin-customer-email-change.spec.ts`],
    tests:
      "moves the login to the new email: same password, the old email, its token and its reset link stop working",
  },
  {
    id: "admin-email-change-keeps-sessions",
    promise:
      "an admin's email change ends the sessions and reset links issued for the old email",
    file: "src/workflows/credentials/change-customer-login-email.ts",
    search: "        auth_identity_ids: [login.auth_identity_id],",
    replace: "        auth_identity_ids: [] as string[],",
    specs: [`${HTTP}admin-customer-email-change.spec.ts`],
    tests:
      "moves the login to the new email: same password, the old email, its token and its reset link stop working",
  },

  // ── No lock-out of the owner ────────────────────────────────────────────
  {
    id: "lockout-threshold-hard-coded",
    promise: "the store's lockout_threshold decides how many failures lock",
    file: "src/workflows/sign-in/phases/begin-sign-in-attempt.ts",
    search: "threshold: settings.lockout_threshold,",
    replace: "threshold: 5,",
    specs: [`${HTTP}promises-lockout-settings.spec.ts`],
  },
  {
    id: "lockout-minutes-hard-coded",
    promise: "the store's lockout_minutes decides how long a lock lasts",
    file: "src/workflows/sign-in/phases/begin-sign-in-attempt.ts",
    search: "lockoutMinutes: settings.lockout_minutes,",
    replace: "lockoutMinutes: 15,",
    specs: [`${HTTP}promises-lockout-settings.spec.ts`],
  },
  {
    id: "lockout-window-hard-coded",
    promise: "the store's lockout_window_minutes decides which failures count",
    file: "src/workflows/sign-in/phases/begin-sign-in-attempt.ts",
    search: "windowMinutes: settings.lockout_window_minutes,",
    replace: "windowMinutes: 15,",
    specs: [`${HTTP}promises-lockout-settings.spec.ts`],
  },
  {
    id: "lockout-window-ignored",
    promise:
      "failures older than the window no longer count (a new count starts)",
    file: "src/modules/credentials/repositories/credential-statements.ts",
    search:
      "window_start: new Date(now.getTime() - rule.windowMinutes * 60_000),",
    replace: "window_start: new Date(0),",
    specs: [`${HTTP}promises-lockout-settings.spec.ts`],
    tests: "lockout_window_minutes",
  },
  {
    id: "locked-client-still-checked",
    promise:
      "of guesses sent at once from one client only lockout_threshold are checked",
    file: "src/workflows/sign-in/phases/begin-sign-in-attempt.ts",
    search: "    attempt?.was_locked ||",
    replace: "    false ||",
    specs: [`${HTTP}gates-lockout.spec.ts`],
    tests: "only the threshold's are checked",
  },
  {
    id: "unknown-devices-ceiling-raised",
    promise:
      "past ten times the threshold across clients, only known devices may try",
    file: "src/modules/credentials/repositories/credential-statements.ts",
    search: "export const UNKNOWN_DEVICES_FACTOR = 10",
    replace: "export const UNKNOWN_DEVICES_FACTOR = 1000",
    specs: [`${HTTP}gates-lockout.spec.ts`],
    tests: "past ten times the threshold",
  },
  {
    id: "unknown-identifier-not-locked",
    promise:
      "an unknown identifier is locked like an account, so a lock tells nothing",
    file: "src/workflows/sign-in/phases/throttle-sign-in.ts",
    search: "    const blocked = Math.max(",
    replace: "    const blocked = 0 * Math.max(",
    specs: [`${HTTP}store-sign-in.spec.ts`],
    tests: "locks an unknown email the same way",
  },
  {
    id: "forwarded-for-trusted-by-default",
    promise:
      "with trusted_proxies at its default, X-Forwarded-For does not change the client",
    file: "src/modules/credentials/utils/client-address.ts",
    search: "return (_address, hop) => hop < trusted",
    replace: "return (_address, hop) => hop <= trusted",
    specs: [`${HTTP}gates-lockout.spec.ts`],
    tests: "X-Forwarded-For does not change the client",
  },
  {
    id: "ipv6-client-keyed-by-address",
    promise:
      "an IPv6 client is counted by its /56, so rotating addresses within it gains nothing",
    file: "src/modules/credentials/utils/client-address.ts",
    search: "const IPV6_KEY_PREFIX_BITS = 56",
    replace: "const IPV6_KEY_PREFIX_BITS = 128",
    specs: [`${MODULES}client-address.spec.ts`],
    tests: "IPv6 by its /56",
  },
  {
    id: "device-cookie-not-verified",
    promise:
      "a device cookie counts only for the account it signed in to (signed, names no account)",
    file: "src/api/utils/sign-in/device-cookie.ts",
    search:
      "return expected.length === given.length && timingSafeEqual(expected, given)",
    replace: "return true",
    specs: [`${HTTP}gates-lockout.spec.ts`],
    tests: "past ten times the threshold",
  },
  {
    id: "unlock-keeps-lock",
    promise: "the admin's Unlock sign-in lifts the lock at once",
    file: "src/workflows/credentials/unlock-customer-login.ts",
    search:
      "        last_failed_login_at: null,\n        locked_until: null,\n",
    replace: "        last_failed_login_at: null,\n",
    specs: [`${HTTP}store-sign-in.spec.ts`],
    tests: "lets an admin lift the lock at once",
  },
  {
    id: "reset-keeps-temporary-password",
    promise: "a password reset through the link ends a temporary password",
    file: "src/workflows/credentials/record-password-reset.ts",
    search: "new_password: { temporary: false, expiration_minutes: 0 },",
    replace: "new_password: { temporary: true, expiration_minutes: 0 },",
    specs: [`${HTTP}store-password.spec.ts`],
    tests: "ends a temporary password and a lock",
  },
  {
    id: "current-password-guesses-not-locked",
    promise:
      "a wrong current password counts as a failed sign-in: a locked client gets 429",
    file: "src/workflows/credentials/steps/verify-current-password.ts",
    search:
      "if (attempt.was_locked || attempt.failed_login_count > rule.threshold) {",
    replace: "if (false) {",
    specs: [`${HTTP}gates-verification-and-current-password.spec.ts`],
    tests: "locks the login after 5 wrong current passwords",
  },

  // ── Enumeration: the same work for unknown identifiers ──────────────────
  {
    id: "dummy-derivation-skipped-for-unknown-emails",
    promise:
      "sign-in spends one scrypt derivation for an unknown email, as for a wrong password",
    file: "src/workflows/sign-in/phases/verify-password.ts",
    search:
      "  await spendPasswordCheck(\n    input.password,\n    emailpassHashConfig(context.container)\n  )\n  await countFailure(limiters.identifier, context.identifier_client_key)",
    replace:
      "  await countFailure(limiters.identifier, context.identifier_client_key)",
    specs: [`${HTTP}reliability-timing.spec.ts`],
    tests: "sign-in takes as long for an unknown email",
  },
  {
    id: "dummy-derivation-skipped-for-unknown-customer-numbers",
    promise:
      "an unknown customer number takes as long as a known one with a wrong password",
    file: "src/workflows/sign-in/phases/verify-password.ts",
    search:
      "  await spendPasswordCheck(\n    input.password,\n    emailpassHashConfig(context.container)\n  )\n  await countFailure(limiters.identifier, context.identifier_client_key)",
    replace:
      "  if (!/^\\d{4,}$/.test(input.identifier.trim())) {\n    await spendPasswordCheck(\n      input.password,\n      emailpassHashConfig(context.container)\n    )\n  }\n  await countFailure(limiters.identifier, context.identifier_client_key)",
    specs: [`${HTTP}promises-timing.spec.ts`],
    tests: "unknown customer number",
  },
  {
    id: "dummy-derivation-skipped-for-password-less-logins",
    promise:
      "a login without a password (activation pending) answers as slowly as a wrong password",
    file: "src/workflows/sign-in/phases/verify-password.ts",
    search: "  if (!target.has_password || !accepted) {",
    replace: "  if (!accepted) {",
    specs: [`${HTTP}promises-timing.spec.ts`],
    tests: "without a password",
  },
  {
    id: "dummy-derivation-skipped-for-other-actors",
    promise:
      "/auth/{other actor}/emailpass answers an email without a login as slowly as one with a login",
    file: "src/api/gates/guard-customer-logins.ts",
    search:
      "    await spendPasswordCheck(password, emailpassHashConfig(req.scope))\n",
    replace: "",
    specs: [`${HTTP}gates-registration-takeover.spec.ts`],
    tests: "answers an email without a login as slowly",
  },

  // ── What a login signs in with (backoffice activation by number) ───────
  {
    id: "number-only-login-takes-its-email",
    promise:
      "a login that signs in with its customer number only answers its email as a wrong password, on every route",
    file: "src/workflows/sign-in/phases/verify-password.ts",
    search:
      "  const accepted = acceptsIdentifier(target.sign_in_with, target.identifier)",
    replace: "  const accepted = target.identifier !== undefined",
    specs: [`${HTTP}backoffice-activation-sign-in.spec.ts`],
    tests: "answers the email as a wrong password",
  },
  {
    id: "backoffice-activation-sign-in-setting-ignored",
    promise:
      "a login an admin's activation makes signs in as the store's setting says (customer number only by default)",
    file: "src/workflows/shared/steps/set-activation-sign-in.ts",
    search: "        input.sign_in_with &&\n",
    replace: '        input.sign_in_with === "both" &&\n',
    specs: [`${HTTP}backoffice-activation-sign-in.spec.ts`],
    tests: "every route",
  },
  {
    id: "email-sign-in-not-turned-on",
    promise:
      '"Sign in with my email too" lets the login sign in with its email',
    file: "src/workflows/credentials/change-own-password.ts",
    search: 'changes: { sign_in_with: "both" as const }',
    replace: 'changes: { sign_in_with: "customer_number" as const }',
    specs: [`${HTTP}backoffice-activation-sign-in.spec.ts`],
    tests: "turns on the email with a new password",
  },

  // ── Per-IP and per-email limits ─────────────────────────────────────────
  {
    id: "sign-in-ip-limit-not-counted",
    promise: "sign-in failures are limited per client address (100 per 15 min)",
    file: "src/workflows/sign-in/phases/resolve-sign-in-target.ts",
    search: "    WHERE l.expire <= ? OR l.points < ?\n",
    replace: "    WHERE l.expire <= ? OR l.points < ? OR true\n",
    specs: [`${HTTP}promises-sign-in-ip-limit.spec.ts`],
  },
  {
    id: "sign-in-ip-failure-given-back",
    promise:
      "a wrong password for a real account keeps its count against the client address",
    file: "src/workflows/sign-in/sign-in-customer.ts",
    search:
      "    checked.failed = error instanceof SignInRefused && error.status === 401\n",
    replace: "    checked.failed = false\n",
    specs: [`${HTTP}promises-sign-in-ip-limit.spec.ts`],
    tests: "many real accounts",
  },
  {
    id: "sign-in-ip-attempt-not-given-back",
    promise:
      "a right password gives back the attempt counted against the client address, so only failures count",
    file: "src/workflows/sign-in/sign-in-customer.ts",
    search: "    if (read.ipCounted && !checked.failed) {\n",
    replace: "    if (false) {\n",
    specs: [`${HTTP}promises-sign-in-ip-limit.spec.ts`],
    tests: "at once",
  },
  {
    id: "register-ip-limit-missing",
    promise:
      "registrations are limited per client address on the plugin's route",
    file: "src/api/store/middlewares.ts",
    search:
      'middlewares: [ipLimit("register_per_ip"), validateBody(StoreRegister)],',
    replace: "middlewares: [validateBody(StoreRegister)],",
    specs: [`${HTTP}rate-limits-as-shipped.spec.ts`],
    tests: "on the plugin's route",
  },
  {
    id: "stock-register-ip-limit-missing",
    promise:
      "registrations are limited per client address on POST /auth/customer/emailpass/register",
    file: "src/api/gates/gate-auth-routes.ts",
    search: '    ipLimit("register_per_ip"),\n    gateStockRegistration,',
    replace: "    gateStockRegistration,",
    specs: [`${HTTP}rate-limits-as-shipped.spec.ts`],
    tests: "on Medusa's own route",
  },
  {
    id: "activate-ip-limit-missing",
    promise: "activations are limited per client address",
    file: "src/api/store/middlewares.ts",
    search:
      'middlewares: [ipLimit("activate_per_ip"), validateBody(StoreActivate)],',
    replace: "middlewares: [validateBody(StoreActivate)],",
    specs: [`${HTTP}rate-limits-as-shipped.spec.ts`],
    tests: "activations",
  },
  {
    id: "forgot-password-ip-limit-missing",
    promise: "forgot-password is limited per client address",
    file: "src/api/gates/gate-auth-routes.ts",
    search: '    ipLimit("reset_password_per_ip"),\n',
    replace: "",
    specs: [`${HTTP}rate-limits-as-shipped.spec.ts`],
    tests: "forgot password: 20 per client address, 5 per email the 20th",
  },
  {
    id: "forgot-password-email-limit-missing",
    promise: "forgot-password is limited per email",
    file: "src/api/gates/gate-auth-routes.ts",
    search: '    emailLimit("reset_password_per_email", "identifier"),\n',
    replace: "",
    specs: [`${HTTP}store-password.spec.ts`],
    tests: "is rate limited per email",
  },
  {
    id: "rate-limiter-never-consumes",
    promise: "every rate limit counts the requests it limits",
    file: "src/api/utils/limit-requests.ts",
    search: "      await limiter.consume(key)",
    replace: "      await limiter.get(key)",
    specs: [`${HTTP}store-registration.spec.ts`],
    tests: "resend-activation is rate limited per email",
  },
  {
    id: "verification-limit-missing",
    promise: "at most 5 confirmation codes per login and hour",
    file: "src/api/gates/gate-verification-request.ts",
    search:
      'return auth?.actor_type === "customer" ? auth.auth_identity_id : undefined',
    replace: "return undefined",
    specs: [`${HTTP}gates-verification-and-current-password.spec.ts`],
    tests: "sends at most 5 codes per login and hour",
  },

  // ── Password policy: the store's settings, enforced everywhere ──────────
  {
    id: "policy-ignores-saved-settings",
    promise: "the password policy saved in the admin is the one in force",
    file: "src/modules/credentials/settings-schema.ts",
    search: "      saved[policyColumn(rule)] ?? base.password_policy[rule],",
    replace: "      base.password_policy[rule],",
    specs: [`${HTTP}promises-password-policy.spec.ts`],
  },
  {
    id: "registration-policy-hard-coded",
    promise: "registration applies the store's password policy",
    file: "src/workflows/registration/steps/validate-registration.ts",
    search: "            input.settings.password_policy,",
    replace: `            ${DEFAULT_POLICY},`,
    specs: [`${HTTP}promises-password-policy.spec.ts`],
  },
  {
    id: "stock-registration-policy-hard-coded",
    promise:
      "POST /auth/customer/emailpass/register applies the store's password policy",
    file: "src/api/utils/gate-stock-registration.ts",
    search: "      settings.password_policy,\n      typeof body?.email",
    replace: `      ${DEFAULT_POLICY},\n      typeof body?.email`,
    specs: [`${HTTP}promises-password-policy.spec.ts`],
  },
  {
    id: "reset-policy-hard-coded",
    promise: "a password set with the reset link meets the store's policy",
    file: "src/api/utils/gate-password-reset.ts",
    search: "      settings.password_policy,\n      [email",
    replace: `      ${DEFAULT_POLICY},\n      [email`,
    specs: [`${HTTP}promises-password-policy.spec.ts`],
  },
  {
    id: "reset-update-unlocked",
    promise:
      "a reset or activation link works once, however many times it is sent at once",
    file: "src/api/utils/gate-password-reset.ts",
    search: "  if (!email) {\n    return next()\n  }",
    replace: "  if (email) {\n    return next()\n  }",
    specs: [`${HTTP}reset-link-single-use.spec.ts`],
  },
  {
    id: "own-change-policy-hard-coded",
    promise: "the customer's own password change meets the store's policy",
    file: "src/workflows/credentials/change-own-password.ts",
    search: "        policy: settings.password_policy,",
    replace: `        policy: ${DEFAULT_POLICY},`,
    specs: [`${HTTP}promises-password-policy.spec.ts`],
  },

  // ── SSO only, and single sign-on ────────────────────────────────────────
  {
    id: "sso-only-not-enforced-on-stock-sign-in",
    promise: "with SSO only, POST /auth/customer/emailpass takes no password",
    file: "src/api/gates/gate-auth-routes.ts",
    search: "  authenticate: chain(\n    gateSsoOnly,\n",
    replace: "  authenticate: chain(\n",
    specs: [`${HTTP}gates-route-matrix-sso.spec.ts`],
    tests: "takes no password on any route",
  },
  {
    id: "sso-only-not-enforced-on-stock-register",
    promise:
      "with SSO only, POST /auth/customer/emailpass/register registers nothing",
    file: "src/api/gates/gate-auth-routes.ts",
    search: "  register: chain(\n    gateSsoOnly,\n",
    replace: "  register: chain(\n",
    specs: [`${HTTP}gates-route-matrix-sso.spec.ts`],
    tests: "takes no password on any route",
  },
  {
    id: "sso-only-not-enforced-on-stock-reset",
    promise: "with SSO only, forgot-password issues nothing",
    file: "src/api/gates/gate-auth-routes.ts",
    search: '  "reset-password": chain(\n    gateSsoOnly,\n',
    replace: '  "reset-password": chain(\n',
    specs: [`${HTTP}store-sso.spec.ts`],
    tests: "closes password sign-in, registration and recovery",
  },
  {
    id: "sso-only-not-enforced-on-update",
    promise: "with SSO only, .../emailpass/update sets no password",
    file: "src/api/gates/gate-auth-routes.ts",
    search: "  update: chain(gateSsoOnly, gatePasswordReset),",
    replace: "  update: chain(gatePasswordReset),",
    specs: [`${HTTP}promises-sso-only.spec.ts`],
  },
  {
    id: "sso-only-not-enforced-on-plugin-sign-in",
    promise: "with SSO only, POST /store/credentials/login takes no password",
    file: "src/api/store/sso-middlewares.ts",
    search: '  "/store/credentials/login",\n',
    replace: "",
    specs: [`${HTTP}store-sso.spec.ts`],
    tests: "closes password sign-in, registration and recovery",
  },
  {
    id: "sso-only-not-enforced-on-activate",
    promise: "with SSO only, an activation link sets no password",
    file: "src/api/store/sso-middlewares.ts",
    search: '  "/store/credentials/activate",\n',
    replace: "",
    specs: [`${HTTP}promises-sso-only.spec.ts`],
  },
  {
    id: "sso-provider-open-while-disabled",
    promise:
      "a customer's single sign-on is open only while the store offers it",
    file: "src/api/gates/gate-auth-routes.ts",
    search:
      "if (sso.providers.some((candidate) => candidate.id === provider)) {",
    replace: "if (true) {",
    specs: [`${HTTP}store-sso.spec.ts`],
    tests: "answers 403 while single sign-on is turned off",
  },
  {
    id: "sso-links-unverified-email",
    promise: "an unverified email is never linked to an existing customer",
    file: "src/workflows/sso/steps/validate-sso-sign-in.ts",
    search:
      "    if (existing || login) {\n      if (!identity.email_verified) {",
    replace: "    if (existing || login) {\n      if (false) {",
    specs: [`${HTTP}store-sso.spec.ts`],
    tests: "never links an unverified email",
  },
  {
    id: "sso-domain-after-first-at",
    promise: "the SSO allow-list compares the part after the email's last @",
    file: "src/workflows/sso/steps/validate-sso-sign-in.ts",
    search: 'email.slice(email.lastIndexOf("@") + 1)',
    replace: 'email.split("@")[1]',
    specs: [`${HTTP}gates-adoption-and-linking.spec.ts`],
    tests: "reads the domain after the last @",
  },

  // ── Registration ────────────────────────────────────────────────────────
  {
    id: "registration-switch-ignored",
    promise: "no registration while the store offers no accounts",
    file: "src/workflows/registration/steps/validate-registration.ts",
    search: "if (!input.settings.customer_accounts_enabled) {",
    replace: "if (false) {",
    specs: [`${HTTP}store-registration.spec.ts`],
    tests: "refuses registration with 403 when the store offers no accounts",
  },
  {
    id: "stock-registration-switch-ignored",
    promise:
      "POST /auth/customer/emailpass/register is closed while the store offers no accounts",
    file: "src/api/utils/gate-stock-registration.ts",
    search: "if (!settings.customer_accounts_enabled) {",
    replace: "if (false) {",
    specs: [`${HTTP}store-registration.spec.ts`],
    tests: "applies the password policy and the accounts switch",
  },
  {
    id: "registration-adopts-business-account",
    promise: "a business account is never adopted by self-registration (409)",
    file: "src/workflows/registration/steps/validate-registration.ts",
    search: "    if (references.length) {",
    replace: "    if (false) {",
    specs: [`${HTTP}gates-registration-takeover.spec.ts`],
    tests: "refuses a business account",
  },
  {
    id: "registration-adopts-guest-without-confirmation",
    promise:
      "with confirmation off, a registration leaves a guest and its orders alone",
    file: "src/workflows/registration/steps/validate-registration.ts",
    search: ": !resume && input.settings.require_email_confirmation",
    replace: ": !resume",
    specs: [`${HTTP}gates-registration-takeover.spec.ts`],
    tests: "with confirmation off, makes a new customer",
  },
  {
    id: "registration-keeps-registrant-password-on-guest",
    promise:
      "a guest's history goes only to whoever chooses the password with the emailed link",
    file: "src/workflows/registration/register-customer.ts",
    search:
      "      clearRegistrantPasswordStep(\n        transform({ login }, ({ login }) => ({\n          auth_identity_id: login.auth_identity_id,\n        }))\n      )\n",
    replace: "",
    specs: [`${HTTP}gates-regressions.spec.ts`],
    tests: "hands a guest's history only to whoever chooses the password",
  },
  {
    id: "stock-registration-keeps-email-case",
    promise: "one email, one login, in any case",
    file: "src/api/gates/prepare-stock-registration.ts",
    search: "const email = body.email.trim().toLowerCase()",
    replace: "const email = body.email.trim()",
    specs: [`${HTTP}gates-registration-takeover.spec.ts`],
    tests: "lower-cases the stock registration's email",
  },
  {
    id: "registration-takes-over-admin-login",
    promise:
      "registration never takes over a login of an admin or another actor",
    file: "src/workflows/shared/utils/unproven-passwords.ts",
    search: "    !actsForNobody(login.app_metadata) ||",
    replace: "    false ||",
    specs: [`${HTTP}gates-registration-takeover.spec.ts`],
    tests: "never takes over an admin's login",
  },
  {
    id: "store-customers-foreign-email",
    promise:
      "POST /store/customers makes a customer only with the login's email",
    file: "src/api/gates/gate-store-customer-create.ts",
    search: "if (body.email && body.email !== loginEmail.toLowerCase()) {",
    replace: "if (false) {",
    specs: [`${HTTP}gates-regressions.spec.ts`],
    tests: "makes no customer with an email other than the login's",
  },
  {
    id: "store-customers-any-login",
    promise:
      "POST /store/customers takes only a login made by the gated customer registration",
    file: "src/api/gates/gate-store-customer-create.ts",
    search: "if (!isCustomerRegistration(identity.app_metadata)) {",
    replace: "if (false) {",
    specs: [`${HTTP}gates-regressions.spec.ts`],
    tests: "makes no customer of a login registered through another actor",
  },

  // ── Paths under /auth ───────────────────────────────────────────────────
  {
    id: "non-canonical-path-accepted",
    promise:
      "a spelling that is not the canonical one answers 400 non_canonical_path",
    file: "src/api/gates/gate-auth-routes.ts",
    search: "if (!parsed.ok || !parsed.canonical) {",
    replace: "if (!parsed.ok) {",
    specs: [`${HTTP}gates-regressions.spec.ts`],
    tests:
      "gives no token through GET with a body, or a percent-encoded provider",
  },
  {
    id: "get-on-emailpass-reaches-core",
    promise:
      "Medusa's customer emailpass routes accept only POST; other methods never reach core",
    file: "src/api/gates/gate-auth-routes.ts",
    search: '  if (path.kind === "provider") {',
    replace: '  if (path.kind === "provider" && req.method === "POST") {',
    specs: [`${HTTP}gates-regressions.spec.ts`],
    tests: "gives no token through GET with a body",
  },
  {
    id: "get-on-emailpass-not-refused",
    promise:
      "Medusa's customer emailpass routes answer another method 405 naming the route to use",
    file: "src/api/gates/gate-auth-routes.ts",
    search: '    if (method !== "POST") {',
    replace: "    if (false) {",
    specs: [`${HTTP}gates-regressions.spec.ts`],
    tests:
      "gives no token through GET with a body, or a percent-encoded provider",
  },
  {
    id: "auth-path-not-decoded",
    promise:
      "/auth paths are read as Express routes them: a percent-encoded letter is a non-canonical spelling (400)",
    file: "src/api/gates/auth-path.ts",
    search:
      "decoded = rawSegments.map((segment) => decodeURIComponent(segment))",
    replace: "decoded = rawSegments.map((segment) => segment)",
    specs: [`${HTTP}gates-regressions.spec.ts`],
    tests:
      "gives no token through GET with a body, or a percent-encoded provider",
  },
  {
    id: "auth-path-case-kept",
    promise:
      "/auth paths are read case-insensitively, as Express routes them: upper case is a non-canonical spelling (400)",
    file: "src/api/gates/auth-path.ts",
    search: "const lowered = decoded.map((segment) => segment.toLowerCase())",
    replace: "const lowered = decoded",
    specs: [`${HTTP}gates-regressions.spec.ts`],
    tests:
      "gives no token through GET with a body, or a percent-encoded provider",
  },
  {
    id: "customer-password-through-other-actor",
    promise:
      "/auth/user/emailpass with a customer's email answers 401, never a token",
    file: "src/api/gates/guard-customer-logins.ts",
    search: "  if (appMetadata.customer_id) {\n",
    replace: "  if (false) {\n",
    specs: [`${HTTP}gates-regressions.spec.ts`],
    tests: "does not let the admin sign-in route check a customer's password",
  },

  // ── B2B rights ──────────────────────────────────────────────────────────
  {
    id: "b2b-cart-completed-anonymously",
    promise:
      "a B2B account's cart is completed only by a login signed in for it (no token: 401)",
    file: "src/api/utils/require-permission.ts",
    search: "  if (owner && !signedInAsOwner) {",
    replace: "  if (owner && !!actor?.actor_id && !signedInAsOwner) {",
    specs: [`${HTTP}gates-regressions.spec.ts`],
    tests: "refuses to complete a company's cart without a token",
  },
  {
    id: "b2b-place-orders-unchecked",
    promise: "completing a B2B cart takes place_orders",
    file: "src/api/utils/require-permission.ts",
    search: '  return requirePermission("place_orders")(req, res, next)',
    replace: "  return next()",
    specs: [`${HTTP}b2b-references.spec.ts`],
    tests: "blocks cart completion for the reference without place_orders",
  },
  {
    id: "b2b-change-default-settings-unchecked-on-me",
    promise: "change_default_settings covers POST /store/customers/me",
    file: "src/api/store/b2b-middlewares.ts",
    search:
      '    matcher: "/store/customers/me",\n    middlewares: [requirePermission("change_default_settings")],',
    replace: '    matcher: "/store/customers/me",\n    middlewares: [],',
    specs: [`${HTTP}gates-regressions.spec.ts`],
    tests: "refuses the company's cart and its settings",
  },
  {
    id: "b2b-manage-addresses-unchecked",
    promise: "manage_addresses covers the address routes",
    file: "src/api/store/b2b-middlewares.ts",
    search: 'middlewares: [requirePermission("manage_addresses")],',
    replace: "middlewares: [],",
    specs: [`${HTTP}promises-b2b-rights.spec.ts`],
  },
  {
    id: "b2b-view-orders-unchecked-on-order",
    promise: "view_orders covers GET /store/orders/:id",
    file: "src/api/store/b2b-middlewares.ts",
    search:
      '    matcher: "/store/orders/:id",\n    middlewares: [requirePermission("view_orders")],',
    replace: '    matcher: "/store/orders/:id",\n    middlewares: [],',
    specs: [`${HTTP}promises-b2b-rights.spec.ts`],
  },
  {
    id: "b2b-orders-through-customer-fields",
    promise:
      "view_orders covers the orders asked for through /store/customers/me",
    file: "src/api/utils/require-permission.ts",
    search: ".some((name) => name.toLowerCase() === relation)",
    replace: ".some(() => false)",
    specs: [`${HTTP}gates-regressions.spec.ts`],
    tests: "refuses the company's orders through the customer's own fields",
  },
  {
    id: "b2b-store-wide-right-ignored",
    promise: "a right that is off store-wide overrides the reference",
    file: "src/workflows/shared/utils/login-accounts.ts",
    search: "      settings.permissions[permission] &&\n",
    replace: "",
    specs: [`${HTTP}b2b-references.spec.ts`],
    tests: "lets a store-wide right that is off override the reference",
  },
  {
    id: "b2b-non-internet-user-offered",
    promise:
      "a reference that is not an internet user is not offered at sign-in",
    file: "src/workflows/sign-in/phases/check-sign-in-gates.ts",
    search: "  ).filter((account) => account.internet_user)",
    replace: "  )",
    specs: [`${HTTP}b2b-references.spec.ts`],
    tests: "does not offer an account whose reference is not an internet user",
  },
  {
    id: "force-login-ignored",
    promise: "with force login on, only a signed-in customer completes a cart",
    file: "src/api/utils/require-sign-in-to-purchase.ts",
    search: "if (settings.force_login && !signedIn) {",
    replace: "if (false) {",
    specs: [`${HTTP}store-password.spec.ts`],
    tests: "refuses to complete a cart without a session",
  },

  // ── Verification codes ──────────────────────────────────────────────────
  {
    id: "verification-request-to-foreign-address",
    promise:
      "POST /auth/verification/request sends codes only to the login's own email",
    file: "src/api/gates/gate-verification-request.ts",
    search: "    isEmailEntityType(body.entity_type) &&",
    replace: "    false &&",
    specs: [`${HTTP}gates-verification-and-current-password.spec.ts`],
    tests: "refuses another address in every spelling",
  },
  {
    id: "verification-confirm-of-another-login",
    promise: "a code confirms only its own login",
    file: "src/api/gates/gate-verification-confirm.ts",
    search: "if (!verification || verification.verified_at) {",
    replace: "if (true) {",
    specs: [`${HTTP}gates-verification-and-current-password.spec.ts`],
    tests: "refuses another login's code",
  },

  // ── Never adopt a password the store did not set ────────────────────────
  {
    id: "unproven-password-adopted-by-reference",
    promise: "a B2B reference keeps a login's password only when it is proven",
    file: "src/workflows/shared/utils/unproven-passwords.ts",
    search:
      "  if (providerIdentity?.provider_metadata?.[STORE_SET_PASSWORD] === true) {",
    replace: "  if (true) {",
    specs: [`${HTTP}gates-adoption-and-linking.spec.ts`],
    tests:
      "removes the password of a self-registered login whose email was never confirmed",
  },
  {
    id: "unproven-password-adopted-by-activation",
    promise:
      "activating an imported customer removes a password a stranger registered",
    file: "src/workflows/credentials/steps/set-customer-password.ts",
    search:
      "          input.keep_existing_password &&\n          actsForNobody(identity.app_metadata)",
    replace: "          false",
    specs: [`${HTTP}gates-adoption-and-linking.spec.ts`],
    tests: "activation of an imported customer",
  },
  {
    id: "unproven-password-adopted-by-sso",
    promise:
      "single sign-on links a customer only after removing an unproven password",
    file: "src/workflows/sso/steps/validate-sso-sign-in.ts",
    search:
      "        login?.customer_id === existing.id &&\n        !(await hasProvenPassword(container, login))",
    replace: "        false",
    specs: [`${HTTP}gates-adoption-and-linking.spec.ts`],
    tests: "ends the sessions of an unconfirmed password login it links",
  },

  {
    id: "admin-password-keeps-open-reset-links",
    promise: "a password the admin sets voids the login's open reset links",
    file: "src/workflows/credentials/set-customer-password.ts",
    search: "        auth_identity_ids: [login.auth_identity_id],",
    replace: "        auth_identity_ids: [],",
    specs: [`${HTTP}store-password.spec.ts`],
    tests: "is void once the admin sets a password",
  },
  {
    id: "bulk-generate-keeps-open-reset-links",
    promise: "bulk generate_credentials voids the logins' open reset links",
    file: "src/workflows/bulk/bulk-generate-credentials-batch.ts",
    search:
      "        auth_identity_ids: passwords.map((entry) => entry.auth_identity_id),",
    replace: "        auth_identity_ids: [],",
    specs: [`${HTTP}store-password.spec.ts`],
    tests: "is void once the admin sets a password",
  },
  // ── Secrets ─────────────────────────────────────────────────────────────
  {
    id: "audit-row-with-password",
    promise: "the plugin never stores a password: audit rows hold facts only",
    file: "src/workflows/credentials/set-customer-password.ts",
    search: "              created_login: login.created_login,\n",
    replace:
      "              created_login: login.created_login,\n              password: input.password,\n",
    specs: [`${HTTP}admin-customer-password.spec.ts`],
    tests: "audits the change without the password",
  },
  {
    id: "notification-secrets-kept",
    promise: "a sent notification's row no longer holds its secret",
    file: "src/emails/send-credential-email.ts",
    search: "  await rewriteWithoutSecrets(notifications, sent)\n",
    replace: "",
    specs: [`${HTTP}gates-secrets-at-rest.spec.ts`],
    tests: "generated credentials",
  },
  {
    id: "notification-password-field-not-secret",
    promise: "a generated password is removed from the stored notification",
    file: "src/emails/types.ts",
    search: '  "password",\n  "activation_url",',
    replace: '  "activation_url",',
    specs: [`${HTTP}gates-secrets-at-rest.spec.ts`],
    tests: "generated credentials",
  },
  {
    id: "secrets-job-rewrites-nothing",
    promise:
      "the job remove-sent-email-secrets rewrites the rows a stopped server left with their secret",
    file: "src/jobs/remove-sent-email-secrets.ts",
    search:
      "$lt: new Date(now - SENT_EMAIL_SECRET_MINUTES * 60_000).toISOString(),",
    replace: "$lt: new Date(0).toISOString(),",
    specs: [`${HTTP}gates-secrets-at-rest.spec.ts`],
    tests: "the scheduled job removes a secret",
  },
  {
    id: "generated-password-constant",
    promise: "generated passwords come from the OS CSPRNG",
    file: "src/modules/credentials/utils/generate-password.ts",
    search: '  return chars.join("")',
    replace: '  return "Kq7#mZ2!pW9?xR4%"',
    specs: [`${HTTP}promises-generated-passwords.spec.ts`],
  },
  {
    id: "generated-password-short",
    promise: "generated passwords have 16 characters",
    file: "src/modules/credentials/utils/generate-password.ts",
    search:
      "const length = Math.max(GENERATED_PASSWORD_LENGTH, policy.min_length)",
    replace: "const length = Math.max(8, policy.min_length)",
    specs: [`${HTTP}promises-generated-passwords.spec.ts`],
  },
  {
    id: "generated-password-ignores-policy",
    promise: "a generated password has every character class the policy asks",
    file: "src/modules/credentials/utils/generate-password.ts",
    search:
      "  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SPECIAL)]",
    replace: "  const chars = [pick(LOWER)]",
    specs: [`${HTTP}promises-generated-passwords.spec.ts`],
  },

  // ── One valid reset token, one password change at a time ────────────────
  {
    id: "forgot-password-token-unlocked",
    promise:
      "simultaneous forgot-password requests leave exactly one valid token",
    file: "src/api/utils/issue-reset-token-after-answering.ts",
    search: "      resetTokenLockKey(identifier),",
    replace: "      `unlocked:${Math.random()}`,",
    specs: [`${HTTP}reliability-attacks.spec.ts`],
    tests: "20 simultaneous reset requests",
  },
  {
    id: "admin-reset-token-unlocked",
    promise: "simultaneous admin resets leave exactly one valid token",
    file: "src/workflows/credentials/request-customer-password-reset.ts",
    search: "      resetTokenLockKey(customer.email)",
    replace: "      `unlocked:${Math.random()}`",
    specs: [`${HTTP}reliability-attacks.spec.ts`],
    tests: "20 simultaneous reset requests",
  },
  {
    id: "activation-link-reusable",
    promise: "an activation link works once",
    file: "src/workflows/shared/steps/consume-activation-token.ts",
    search:
      "      await container.resolve(Modules.AUTH).consumePasswordResetToken({",
    replace: "      await (async (..._args: unknown[]) => undefined)({",
    specs: [`${HTTP}admin-bulk-onboarding.spec.ts`],
    tests: "emails every customer a working single-use activation link",
  },
  {
    id: "activation-ttl-ignored",
    promise: "an activation link lives activation_ttl_hours",
    file: "src/workflows/credentials/send-customer-activation.ts",
    search: "            expiresIn: `${options.activation_ttl_hours}h`,",
    replace: '            expiresIn: "72h",',
    specs: [`${HTTP}promises-activation-ttl.spec.ts`],
  },
  {
    id: "generate-unlocked-against-own-change",
    promise:
      "password changes of one login run under a lock: the emailed password is the one in force",
    file: "src/workflows/credentials/generate-customer-credentials.ts",
    search: "      passwordLockKey(customer.email)",
    replace: "      `unlocked:${Math.random()}`",
    specs: [`${HTTP}reliability-attacks.spec.ts`],
    tests: "an admin's generate and the customer's own change",
  },
  // ── Issue 17: promises checked at last (b2b, SSO, bulk, timing) ─────────
  {
    id: "selection-token-ttl-one-hour",
    promise: "the account-selection token lasts 10 minutes",
    file: "src/workflows/sign-in/utils/mint-customer-token.ts",
    search: 'export const ACCOUNT_SELECTION_TTL = "10m"',
    replace: 'export const ACCOUNT_SELECTION_TTL = "1h"',
    specs: [`${HTTP}b2b-references.spec.ts`],
    tests: "accepts a selection token until 10 minutes",
  },
  {
    id: "b2b-storefront-rights-not-narrowed",
    promise:
      "view_invoices and view_prices reported by /store/credentials/me are the reference's, within the store-wide ones",
    file: "src/workflows/shared/utils/login-accounts.ts",
    search: "        (account?.permissions?.[permission] ?? true),",
    replace:
      '        (permission === "view_invoices" ||\n          permission === "view_prices" ||\n          (account?.permissions?.[permission] ?? true)),',
    specs: [`${HTTP}b2b-references.spec.ts`],
    tests: "reports view_invoices and view_prices",
  },
  {
    id: "reference-removal-keeps-orphan-login",
    promise: "a reference removed: a login left with no account is deleted",
    file: "src/workflows/references/steps/remove-customer-reference.ts",
    search: "      } else {\n        deleteLogin = identity.id\n      }\n",
    replace: "      }\n",
    specs: [`${HTTP}b2b-references.spec.ts`],
    tests: "deletes the login when its last reference is removed",
  },
  {
    id: "sso-identity-keyed-by-email",
    promise:
      "a linked identity is found by sub, never by email (also after the email changes at the issuer)",
    file: "src/providers/oidc/service.ts",
    search: "        claims.sub,\n        user,",
    replace: "        String(user.email ?? claims.sub),\n        user,",
    specs: [`${HTTP}store-sso.spec.ts`],
    tests: "finds a linked person by sub",
  },
  {
    id: "sso-guest-not-registered",
    promise: "a guest linked by single sign-on becomes a registered customer",
    file: "src/workflows/sso/steps/validate-sso-sign-in.ts",
    search: "        from_guest: !existing.has_account,",
    replace: "        from_guest: false,",
    specs: [`${HTTP}store-sso.spec.ts`],
    tests: "turns a guest",
  },
  {
    id: "sso-only-select-account-open",
    promise: "SSO only closes account selection (select-account)",
    file: "src/api/store/sso-middlewares.ts",
    search: '  "/store/credentials/select-account",\n',
    replace: "",
    specs: [`${HTTP}promises-sso-only.spec.ts`],
    tests: "account selection begun with a password",
  },
  {
    id: "bulk-duplicate-ids-counted-twice",
    promise: "bulk onboarding: duplicate customer ids count once",
    file: "src/workflows/bulk/steps/create-credential-bulk-job.ts",
    search: "[...new Set(input.customer_ids)]",
    replace: "[...input.customer_ids]",
    specs: [`${HTTP}admin-bulk-onboarding.spec.ts`],
    tests: "counts a customer named twice",
  },
  {
    id: "bulk-errors-uncapped",
    promise: "a bulk job lists the first 100 errors",
    file: "src/workflows/bulk/utils/run-credential-bulk-job.ts",
    search:
      "errors.push(...outcome.failures.slice(0, MAX_BULK_ERRORS - errors.length))",
    replace: "errors.push(...outcome.failures.slice(0, MAX_BULK_ERRORS))",
    specs: [`${HTTP}admin-bulk-onboarding.spec.ts`],
    tests: "keeps the first 100 errors",
  },
  {
    id: "sign-in-email-case-sensitive",
    promise:
      "an email signs in whatever its letter case, and its wrong passwords count against one account",
    file: "src/workflows/sign-in/phases/resolve-sign-in-target.ts",
    search: "pi.entity_id IN (w.email, ?::text)",
    replace: "pi.entity_id IN (w.email, w.email || ?::text)",
    specs: [`${HTTP}store-sign-in.spec.ts`],
    tests: "letter case",
  },
  {
    id: "sign-in-email-lowered-by-postgres",
    promise:
      "sign-in lower-cases an email as its limiters do ('İ' is not 'i'), so no lock tells an account exists",
    file: "src/workflows/sign-in/phases/resolve-sign-in-target.ts",
    search: "pi.entity_id IN (w.email, ?::text)",
    replace:
      "pi.entity_id IN (w.email, lower(w.email)) AND ?::text IS NOT NULL",
    specs: [`${HTTP}store-sign-in.spec.ts`],
    tests: "dotted capital",
  },
  {
    id: "sign-in-checks-typed-email",
    promise:
      "core's emailpass checks the password of the login found, not of the email as typed",
    file: "src/workflows/sign-in/phases/resolve-sign-in-target.ts",
    search: "SELECT coalesce(p.entity_id, w.email) AS email,",
    replace: "SELECT w.email AS email,",
    specs: [`${HTTP}store-sign-in.spec.ts`],
    tests: "letter case",
  },
  {
    id: "forgot-password-email-case-sensitive",
    promise:
      "forgot password emails the login's link whatever the letter case of the email typed",
    file: "src/api/utils/issue-reset-token-after-answering.ts",
    search: "const entityId = await loginEmailOfTyped(scope, identifier)",
    replace: "const entityId = identifier",
    specs: [`${HTTP}store-password.spec.ts`],
    tests: "letter case",
  },
  {
    id: "bulk-generate-new-login-not-marked",
    promise:
      "a login made by bulk generate has a password the store set (a B2B reference keeps it)",
    file: "src/workflows/bulk/steps/set-bulk-passwords.ts",
    search: "\n                  [STORE_SET_PASSWORD]: true,\n",
    replace: "\n",
    specs: [`${HTTP}gates-adoption-and-linking.spec.ts`],
    tests: "keeps a password the store generated in bulk",
  },
  {
    id: "bulk-generate-existing-login-not-marked",
    promise:
      "a login's password replaced by bulk generate is one the store set (a B2B reference keeps it)",
    file: "src/workflows/bulk/steps/set-bulk-passwords.ts",
    search: "\n              [STORE_SET_PASSWORD]: true,\n",
    replace: "\n",
    specs: [`${HTTP}gates-adoption-and-linking.spec.ts`],
    tests: "keeps a password the store generated in bulk",
  },
  {
    id: "bulk-generate-audit-without-job-id",
    promise: "each bulk audit row has bulk_job_id in its metadata",
    file: "src/workflows/bulk/bulk-generate-credentials-batch.ts",
    search: "            bulk_job_id: input.job_id,\n",
    replace: "",
    specs: [`${HTTP}admin-bulk-onboarding.spec.ts`],
    tests: "emails every customer a temporary password",
  },
  {
    id: "bulk-retry-audit-without-job-id",
    promise:
      "each bulk audit row has bulk_job_id in its metadata, also for a customer retried alone",
    file: "src/workflows/bulk/utils/run-credential-bulk-job.ts",
    search:
      "input: { customer_id: customerId, actor, jwt, bulk_job_id: jobId },",
    replace: "input: { customer_id: customerId, actor, jwt },",
    specs: [`${HTTP}admin-bulk-onboarding.spec.ts`],
    tests: "rolls a batch back",
  },
  {
    id: "bulk-failed-batch-not-retried",
    promise:
      "a failing batch is rolled back and its customers retried one by one, so each failure lands on its customer",
    file: "src/workflows/bulk/utils/run-credential-bulk-job.ts",
    search:
      "  } catch {\n    const outcome: BatchOutcome = { succeeded: [], failures: [] }\n",
    replace:
      "  } catch (error) {\n    return {\n      succeeded: [],\n      failures: customerIds.map((customer_id) => ({\n        customer_id,\n        message: bulkErrorMessage(error),\n      })),\n    }\n    const outcome: BatchOutcome = { succeeded: [], failures: [] }\n",
    specs: [`${HTTP}admin-bulk-onboarding.spec.ts`],
    tests: "rolls a batch back",
  },
  {
    id: "bulk-batch-logins-not-undone",
    promise:
      "every workflow step undoes itself: a bulk batch whose emails cannot be sent leaves no login",
    file: "src/workflows/shared/utils/undo-bulk-logins.ts",
    search: "  if (undo.created_auth_identity_ids.length) {",
    replace: "  if (false) {",
    specs: [`${HTTP}admin-bulk-onboarding.spec.ts`],
    tests: "rolls a batch back",
  },
  {
    id: "activation-rollback-keeps-earlier-link-voided",
    promise:
      "every workflow step undoes itself: an activation whose email cannot be sent leaves the person's earlier reset link working",
    file: "src/workflows/credentials/steps/create-activation-token.ts",
    search: "    await restoreResetTokens(container, made.earlier ?? [])",
    replace: "    void made.earlier",
    specs: [`${HTTP}promises-email-failure-rollback.spec.ts`],
    tests: "send activation, customer with a login",
  },
  {
    id: "dummy-derivation-three-quarters",
    promise:
      "the dummy derivation for an unknown identifier costs what a real check costs (not 75% of it)",
    file: "src/workflows/sign-in/utils/dummy-password-check.ts",
    search: '    dummyHash = Scrypt.kdf("not-a-real-password", params)',
    replace:
      '    dummyHash = Scrypt.kdf("not-a-real-password", {\n      ...params,\n      r: params.r - 2,\n    })',
    specs: [`${HTTP}reliability-timing-hash-config.spec.ts`],
    tests: "spends the configured derivation",
  },
  {
    id: "dummy-derivation-ignores-hash-config",
    promise:
      "the dummy derivation uses the store's emailpass hashConfig (EMAILPASS_HASH_CONFIG)",
    file: "src/workflows/sign-in/utils/emailpass-hash-config.ts",
    search:
      "  const params = provider?.options?.hashConfig ?? EMAILPASS_DEFAULT",
    replace: "  const params = EMAILPASS_DEFAULT",
    specs: [`${HTTP}reliability-timing-hash-config.spec.ts`],
    tests: "spends the configured derivation",
  },
  {
    id: "forgot-password-answered-after-work",
    promise:
      "forgot-password answers before any work: an unknown email as fast as a known one",
    file: "src/api/utils/issue-reset-token-after-answering.ts",
    edits: [
      {
        search: "  res.sendStatus(201)\n\n  const issueToken",
        replace: "  const issueToken",
      },
      {
        search: "        )\n    )\n}\n",
        replace:
          "        )\n    )\n    .finally(() => res.sendStatus(201))\n}\n",
      },
    ],
    specs: [`${HTTP}reliability-timing.spec.ts`],
    tests: "forgot-password answers an unknown email",
  },
  {
    id: "create-customer-beside-guest",
    promise:
      "Create customer with login refuses an email a guest customer has (409 pointing to the guest's page), before anything is written",
    file: "src/workflows/credentials/steps/validate-admin-new-customer.ts",
    search: "    if (customers.length) {",
    replace: '    if (customers.length && input.mode === "none") {',
    specs: [`${HTTP}admin-create-customer-with-login.spec.ts`],
    tests: "answers 409 for a guest",
  },
  {
    id: "create-customer-audit-without-login-choice",
    promise:
      "the audit trail says which login the admin chose when creating the customer",
    file: "src/workflows/credentials/create-customer-with-login.ts",
    search: "          metadata: { login: input.login.mode },",
    replace: "          metadata: {},",
    specs: [`${HTTP}admin-create-customer-with-login.spec.ts`],
    tests: "creates the customer and its login, emails the password once",
  },
  {
    id: "resend-activation-answered-after-work",
    promise:
      "resend-activation answers before any work: an unknown email as fast as one waiting for confirmation",
    file: "src/api/store/credentials/resend-activation/route.ts",
    edits: [
      {
        search: "  res.status(202).json({",
        replace: "  const answer = () =>\n    res.status(202).json({",
      },
      {
        search: "        )\n    )\n}\n",
        replace: "        )\n    )\n  answer()\n}\n",
      },
    ],
    specs: [`${HTTP}reliability-timing.spec.ts`],
    tests: "resend-activation answers an unknown email",
  },
]
