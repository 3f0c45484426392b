import { type RateLimiterAbstract, RateLimiterRes } from "rate-limiter-flexible"
import {
  createRateLimiter,
  RATE_LIMIT_TABLE,
  type RateLimitStore,
} from "../../../modules/credentials/rate-limit-store"
import { UNKNOWN_DEVICES_FACTOR } from "../../../modules/credentials/repositories/credential-statements"
import type { CredentialSettingsValues } from "../../../modules/credentials/types"

/**
 * Throttles on top of the per-account lock that the database keeps:
 * - per identifier that matches no account, with the same rules as a real
 *   account (per identifier and client, and a ceiling per identifier across
 *   clients), so a lock cannot tell an attacker whether an email exists;
 * - per client IP, for one address guessing across many accounts.
 * All count failures only: the per-IP one counts every attempt before the
 * password is checked (atomically, so parallel requests cannot pass the
 * limit together) and gives the point back when the attempt was not a
 * failure. Like the per-account lock, they are shared by
 * every server instance: rate-limiter-flexible on the store `rateLimitStore`
 * chose (the database).
 */
export type SignInLimiters = {
  /** Key: `identifierClientKey(identifier, client)`. */
  identifier: RateLimiterAbstract
  /** Key: the identifier; the unknown-devices ceiling of a real account. */
  identifierAllClients: RateLimiterAbstract
  ip: RateLimiterAbstract
}

export const identifierClientKey = (identifier: string, client: string) =>
  `${client}|${identifier}`

let cached: { key: string; limiters: SignInLimiters } | undefined

export const signInLimiters = (
  store: RateLimitStore,
  settings: CredentialSettingsValues,
  ipFailures: number
): SignInLimiters => {
  const key = [
    settings.lockout_threshold,
    settings.lockout_window_minutes,
    settings.lockout_minutes,
    ipFailures,
  ].join(":")
  if (cached?.key !== key) {
    cached = {
      key,
      limiters: {
        identifier: createRateLimiter(store, {
          keyPrefix: "credentials-sign-in-identifier",
          points: settings.lockout_threshold,
          duration: settings.lockout_window_minutes * 60,
          blockDuration: settings.lockout_minutes * 60,
        }),
        identifierAllClients: createRateLimiter(store, {
          keyPrefix: "credentials-sign-in-identifier-all",
          points: settings.lockout_threshold * UNKNOWN_DEVICES_FACTOR,
          duration: settings.lockout_window_minutes * 60,
          blockDuration: settings.lockout_minutes * 60,
        }),
        ip: createRateLimiter(store, {
          keyPrefix: "credentials-sign-in-ip",
          points: ipFailures,
          duration: settings.lockout_window_minutes * 60,
          blockDuration: settings.lockout_minutes * 60,
        }),
      },
    }
  }
  return cached.limiters
}

/** Seconds until the key may try again, or 0 when it is not blocked. */
export const blockedFor = async (
  limiter: RateLimiterAbstract,
  key: string
): Promise<number> => {
  const state = await limiter.get(key)
  if (!state || state.consumedPoints < limiter.points) {
    return 0
  }
  return Math.ceil(state.msBeforeNext / 1000)
}

/** Counts one failure; never throws when the key is already blocked. */
export const countFailure = async (
  limiter: RateLimiterAbstract,
  key: string
): Promise<void> => {
  await limiter.consume(key).catch((rejection: unknown) => {
    if (!(rejection instanceof RateLimiterRes)) {
      throw rejection
    }
  })
}

/**
 * Counts an attempt on a limiter kept in this process's memory (the
 * fallback store; the database's count is in the sign-in's first
 * statement): refused, with the seconds to wait, when the key is over.
 */
export const countAttemptInMemory = async (
  limiter: RateLimiterAbstract,
  key: string
): Promise<{ counted: boolean; blockedFor: number }> => {
  try {
    await limiter.consume(key)
    return { counted: true, blockedFor: 0 }
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) {
      throw rejection
    }
    return {
      counted: false,
      blockedFor: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)),
    }
  }
}

/**
 * Gives back an attempt counted before the password was checked (a right
 * password, or a refusal that is not a wrong password), so only failures
 * count. One statement; nothing when the window has ended since.
 */
export const giveBackAttempt = async (
  store: RateLimitStore,
  limiter: RateLimiterAbstract,
  key: string,
  now: Date
): Promise<void> => {
  if (store.kind !== "postgres") {
    await limiter.reward(key)
    return
  }
  await store.connection.raw(
    `UPDATE ${RATE_LIMIT_TABLE} SET points = points - 1
     WHERE key = ? AND points > 0 AND expire > ?`,
    [limiter.getKey(key), now.getTime()]
  )
}
