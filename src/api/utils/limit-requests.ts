import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { type RateLimiterAbstract, RateLimiterRes } from "rate-limiter-flexible"
import { CREDENTIALS_MODULE } from "../../modules/credentials"
import {
  createRateLimiter,
  rateLimitStore,
} from "../../modules/credentials/rate-limit-store"
import type CredentialsModuleService from "../../modules/credentials/service"
import type { RateLimits } from "../../modules/credentials/types"
import { requestClient } from "./client-ip"

export const RATE_LIMIT_WINDOW_SECONDS = 15 * 60

type LimitOptions = {
  /** The plugin option (`rate_limits.*`) that says how many requests pass. */
  limit: keyof RateLimits
  /** What a request counts against: the client IP, an email in the body… */
  key: (req: MedusaRequest) => string | undefined | Promise<string | undefined>
  message: string
  /** The window the limit counts over; 15 minutes unless said. */
  windowSeconds?: number
}

/**
 * A rate limit as a route middleware (rate-limiter-flexible, on the store
 * `rateLimitStore` chose: the database, shared by every server instance),
 * sized by the plugin options. Over the limit: 429 with Retry-After and a
 * message.
 */
export const limitRequests = (options: LimitOptions) => {
  let limiter: RateLimiterAbstract | undefined

  return async (
    req: MedusaRequest,
    res: MedusaResponse,
    next: MedusaNextFunction
  ) => {
    let key: string | undefined
    try {
      key = await options.key(req)
    } catch (error) {
      return next(error)
    }
    if (!key) {
      return next()
    }
    if (!limiter) {
      const pluginOptions = await req.scope
        .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
        .getOptions()
      limiter = createRateLimiter(await rateLimitStore(req.scope), {
        keyPrefix: `credentials-${options.limit}`,
        points: pluginOptions.rate_limits[options.limit],
        duration: options.windowSeconds ?? RATE_LIMIT_WINDOW_SECONDS,
      })
    }
    try {
      await limiter.consume(key)
      next()
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) {
        return next(rejection)
      }
      res.setHeader(
        "Retry-After",
        String(Math.ceil(rejection.msBeforeNext / 1000))
      )
      res.status(429).json({
        type: "too_many_requests",
        code: "rate_limited",
        message: options.message,
      })
    }
  }
}

/** The client, by the plugin option `trusted_proxies` (see `requestClient`). */
export const clientIp = async (req: MedusaRequest) =>
  (await requestClient(req)).key

/**
 * A string field of the body, lower-cased, as a limit key. The limits run
 * before the body is validated and their keys are stored in PostgreSQL, so
 * the NUL character and halves of surrogate pairs are written as JSON
 * escapes (`\u0000`), which the database stores and which still tell keys
 * apart.
 */
export const bodyField = (field: string) => (req: MedusaRequest) => {
  const value = (req.body as Record<string, unknown> | undefined)?.[field]
  return typeof value === "string"
    ? JSON.stringify(value.trim().toLowerCase()).slice(1, -1)
    : undefined
}
