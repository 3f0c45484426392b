import type { MedusaRequest } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { generateJwtTokenWithChecks } from "@medusajs/medusa/api/auth/utils/generate-jwt-token"
import { CREDENTIALS_MODULE } from "../../../modules/credentials"
import { rateLimitStore } from "../../../modules/credentials/rate-limit-store"
import type CredentialsModuleService from "../../../modules/credentials/service"
import { acceptsIdentifier } from "../../../modules/credentials/sign-in-identifiers"
import type {
  SignInAttempt,
  SignInClient,
  SignInLockRule,
} from "../../../modules/credentials/types"
import { EMAILPASS_PROVIDER } from "../../../workflows/utils/customer-login"
import { listLoginAccounts } from "../../../workflows/utils/login-accounts"
import { requestCredentialSettings } from "../request-credential-settings"
import { checkLoginGates, SignInRefused } from "../../gates/login-gates"
import { spendPasswordCheck } from "../../../workflows/sign-in/utils/dummy-password-check"
import { emailpassHashConfig } from "../../../workflows/sign-in/utils/emailpass-hash-config"
import {
  mintAccountSelectionToken,
  mintCustomerToken,
} from "../../../workflows/sign-in/utils/mint-customer-token"
import { requestClient } from "../client-ip"
import {
  hasDeviceCookie,
  issueDeviceCookie,
  trustedDevice,
} from "./device-cookie"
import {
  readSignInTarget,
  type SignInTarget,
} from "../../../workflows/sign-in/phases/resolve-sign-in-target"
import {
  blockedFor,
  countFailure,
  identifierClientKey,
  signInLimiters,
} from "../../../workflows/sign-in/utils/sign-in-limiters"
import { INVALID_CREDENTIALS, LOGIN_DISABLED_MESSAGE } from "../../../messages"

/** Counts the attempt; a customer without a credential row gets one first. */
const beginAttempt = async (
  credentials: CredentialsModuleService,
  target: SignInTarget,
  customerId: string,
  rule: SignInLockRule,
  client: SignInClient,
  now: Date
): Promise<SignInAttempt> => {
  const input = {
    customerId,
    authIdentityId: target.auth_identity_id,
    client,
  }
  const attempt = await credentials.beginSignInAttempt(input, rule, now)
  if (attempt) {
    return attempt
  }
  await credentials.ensureCustomerCredential(customerId)
  return (await credentials.beginSignInAttempt(input, rule, now))!
}

/** Core's emailpass check, as `/auth/customer/emailpass` runs it. */
const authenticateWithEmailpass = (
  req: MedusaRequest,
  email: string,
  password: string
) =>
  req.scope.resolve(Modules.AUTH).authenticate(EMAILPASS_PROVIDER, {
    actor_type: "customer",
    url: req.url,
    headers: req.headers as Record<string, string>,
    query: {},
    body: { email, password },
    protocol: req.protocol,
  } as never)

const tooManyAttempts = (seconds: number) =>
  new SignInRefused(
    429,
    "too_many_attempts",
    `Too many failed sign-in attempts. Try again in ${Math.max(
      1,
      Math.ceil(seconds / 60)
    )} minute(s), or reset your password.`,
    seconds
  )

export type SignInResult = Record<string, unknown> & {
  token: string
  must_change_password: boolean
}

/**
 * Signs a customer in with an email or a customer number and a password,
 * through Medusa's auth module (emailpass), behind the plugin's gates and
 * locks, and returns the token Medusa's own sign-in returns.
 */
export const signInCustomer = async (
  req: MedusaRequest,
  input: { identifier: string; password: string }
): Promise<SignInResult> => {
  const scope = req.scope
  const credentials =
    scope.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
  const settings = await requestCredentialSettings(req)
  const options = await credentials.getOptions()
  const store = await rateLimitStore(scope)
  const limiters = signInLimiters(
    store,
    settings,
    options.rate_limits.sign_in_failures_per_ip
  )
  // The client by the plugin's `trusted_proxies` option (X-Forwarded-For
  // only from trusted proxies), keyed by IPv4 address or IPv6 /56.
  const { ip, key: clientKey } = await requestClient(req)
  const identifierKey = input.identifier.trim().toLowerCase()
  const now = new Date()

  // The login and the address's failures, in one read. A device that
  // signed in to the account before is not held by its address's limit (a
  // shared address: office, carrier NAT, proxy); that needs the account, so
  // a request with a device cookie is judged once the login is known.
  const { target, ipBlockedFor: ipBlocked } = await readSignInTarget(
    scope,
    input.identifier,
    { store, limiter: limiters.ip, key: clientKey },
    now
  )
  if (ipBlocked && !hasDeviceCookie(req)) {
    throw tooManyAttempts(ipBlocked)
  }
  const device = target?.customer_id
    ? trustedDevice(req, target.customer_id, now)
    : null
  if (ipBlocked && !device) {
    throw tooManyAttempts(ipBlocked)
  }
  const identifierClient = identifierClientKey(identifierKey, clientKey)
  if (!target) {
    // As a real account's lock: per client, and for every client past ten
    // times the threshold.
    const blocked = Math.max(
      await blockedFor(limiters.identifier, identifierClient),
      await blockedFor(limiters.identifierAllClients, identifierKey)
    )
    if (blocked) {
      throw tooManyAttempts(blocked)
    }
    // The same work as a known email's wrong password: core's check (its
    // own read of the login, which finds none) and one scrypt derivation.
    await authenticateWithEmailpass(
      req,
      input.identifier.trim(),
      input.password
    )
    await spendPasswordCheck(input.password, emailpassHashConfig(scope))
    await countFailure(limiters.identifier, identifierClient)
    await countFailure(limiters.identifierAllClients, identifierKey)
    await countFailure(limiters.ip, clientKey)
    throw new SignInRefused(401, "invalid_credentials", INVALID_CREDENTIALS)
  }

  // The attempt counts before the password is checked, in one atomic
  // statement that also reads what the gates need: of N guesses sent at
  // once from one client, only those within the threshold are checked at
  // all; the rest are refused like a locked account. The lock is per client
  // (its address, or a known device), so guessing elsewhere does not lock
  // the owner out; past ten times the threshold across clients, only known
  // devices may try. A right password clears this client's count below.
  const lockRule = {
    threshold: settings.lockout_threshold,
    windowMinutes: settings.lockout_window_minutes,
    lockoutMinutes: settings.lockout_minutes,
  }
  const lockClient: SignInClient = device
    ? { key: `device:${device}`, known_device: true }
    : { key: `ip:${clientKey}`, known_device: false }
  const attempt = target.customer_id
    ? await beginAttempt(
        credentials,
        target,
        target.customer_id,
        lockRule,
        lockClient,
        now
      )
    : null
  if (
    attempt?.was_locked ||
    (attempt && attempt.failed_login_count > lockRule.threshold)
  ) {
    throw tooManyAttempts(
      attempt.locked_until
        ? (attempt.locked_until.getTime() - now.getTime()) / 1000
        : settings.lockout_minutes * 60
    )
  }

  // A login that does not sign in with this kind of identifier (a
  // backoffice activation's "customer number only", say) answers exactly as
  // a wrong password: same 401, same count, same work (one scrypt
  // derivation), and the password is not checked at all. Every route that
  // takes an identifier comes here (core's /auth/customer/emailpass too).
  const accepted = acceptsIdentifier(target.sign_in_with, target.identifier)
  if (!target.has_password || !accepted) {
    // emailpass refuses a login without a hash at once: spend the same
    // scrypt derivation as a real check, so the answer's time tells nothing.
    await spendPasswordCheck(input.password, emailpassHashConfig(scope))
  }
  const { success, authIdentity, mfaChallenge } = accepted
    ? await authenticateWithEmailpass(req, target.email, input.password)
    : { success: false, authIdentity: undefined, mfaChallenge: undefined }

  if (!success || !authIdentity) {
    await countFailure(limiters.ip, clientKey)
    if (target.customer_id && attempt) {
      await credentials.appendCredentialEvent(
        {
          customer_id: target.customer_id,
          action:
            attempt.failed_login_count >= settings.lockout_threshold ||
            attempt.locked_unknown_devices
              ? "locked"
              : "sign_in_failed",
          actor_type: "customer",
          actor_id: target.customer_id,
          metadata: {
            failed_login_count: attempt.failed_login_count,
            ip,
            known_device: Boolean(device),
            ...(accepted ? {} : { identifier_not_accepted: target.identifier }),
            ...(attempt.locked_unknown_devices
              ? { locked_unknown_devices: true }
              : {}),
          },
        },
        now
      )
    } else {
      await countFailure(limiters.identifier, identifierClient)
      await countFailure(limiters.identifierAllClients, identifierKey)
    }
    throw new SignInRefused(401, "invalid_credentials", INVALID_CREDENTIALS)
  }

  // B2B: the accounts this login may sign in for.
  const accounts =
    target.customer_id && attempt
      ? (
          await listLoginAccounts(scope, authIdentity.id, target.customer_id, {
            names: "when_several",
            references: attempt.references,
          })
        ).filter((account) => account.internet_user)
      : []

  if (target.customer_id && attempt) {
    try {
      await checkLoginGates(
        scope,
        settings,
        { auth_identity_id: authIdentity.id, email: target.email },
        attempt,
        now
      )
    } catch (refusal) {
      if (refusal instanceof SignInRefused) {
        // The password was right: the attempt counted above is not a failure.
        await credentials.settleSignInAttempt(
          {
            credentialId: attempt.credential_id,
            client: lockClient,
            signedInAt: null,
            event: {
              customer_id: target.customer_id,
              action: "sign_in_refused",
              actor_type: "customer",
              actor_id: target.customer_id,
              metadata: { reason: refusal.gate },
            },
          },
          now
        )
      }
      throw refusal
    }
    if (!accounts.length) {
      throw new SignInRefused(401, "login_disabled", LOGIN_DISABLED_MESSAGE)
    }
    await credentials.settleSignInAttempt(
      {
        credentialId: attempt.credential_id,
        client: lockClient,
        signedInAt: now,
        event: {
          customer_id: target.customer_id,
          action: "signed_in",
          actor_type: "customer",
          actor_id: target.customer_id,
          metadata: { ip },
        },
      },
      now
    )
    // This browser is now a known device of the account.
    issueDeviceCookie(req, target.customer_id, now)
  }

  const mustChange = Boolean(attempt?.must_change_password)
  if (!target.customer_id) {
    // A login with no customer yet (core's registration in progress): core's token.
    const result = await generateJwtTokenWithChecks(scope, {
      authIdentity,
      mfaChallenge,
      actorType: "customer",
      authProvider: EMAILPASS_PROVIDER,
    })
    return { ...result, must_change_password: mustChange } as SignInResult
  }

  if (accounts.length === 1) {
    const result = await mintCustomerToken(
      scope,
      authIdentity,
      accounts[0].customer_id,
      EMAILPASS_PROVIDER,
      mfaChallenge
    )
    return { ...result, must_change_password: mustChange }
  }
  return {
    token: await mintAccountSelectionToken(
      scope,
      authIdentity,
      EMAILPASS_PROVIDER
    ),
    account_selection_required: true,
    accounts: accounts.map((account) => ({
      customer_id: account.customer_id,
      name: account.name,
    })),
    must_change_password: mustChange,
  }
}
