import type { LoaderOptions } from "@medusajs/framework/types"
import { rateLimitStore } from "../rate-limit-store"

/**
 * Chooses where the rate limits count (`rate-limit-store.ts`) when the
 * module starts, so a store whose limits cannot be shared hears it at
 * start-up rather than at the first limited request.
 */
export default async function chooseRateLimitStore({
  container,
}: LoaderOptions) {
  await rateLimitStore(container)
}
