import type { RateLimits } from "../../modules/credentials/types"
import {
  TOO_MANY_REQUESTS_FOR_EMAIL_MESSAGE,
  TOO_MANY_REQUESTS_MESSAGE,
} from "../../messages"
import { bodyField, clientIp, limitRequests } from "./limit-requests"

/** A route's limit per client address (the plugin's `trusted_proxies`). */
export const ipLimit = (limit: keyof RateLimits) =>
  limitRequests({ limit, key: clientIp, message: TOO_MANY_REQUESTS_MESSAGE })

/** A route's limit per email address, read from the body's `field`. */
export const emailLimit = (limit: keyof RateLimits, field = "email") =>
  limitRequests({
    limit,
    key: bodyField(field),
    message: TOO_MANY_REQUESTS_FOR_EMAIL_MESSAGE,
  })
