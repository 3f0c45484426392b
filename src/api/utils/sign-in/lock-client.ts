import type { MedusaRequest } from "@medusajs/framework/http"
import type { SignInClient } from "../../../modules/credentials/types"
import { requestClient } from "../client-ip"
import { trustedDevice } from "./device-cookie"

/**
 * The client a password check of this customer's login counts against, as
 * sign-in counts it: a known device (valid device cookie for the customer),
 * else the client's address (IPv4, or IPv6 /56).
 */
export const signInLockClient = async (
  req: MedusaRequest,
  customerId: string,
  now: Date = new Date()
): Promise<{ client: SignInClient; ip: string }> => {
  const { ip, key } = await requestClient(req)
  const device = trustedDevice(req, customerId, now)
  return {
    ip,
    client: device
      ? { key: `device:${device}`, known_device: true }
      : { key: `ip:${key}`, known_device: false },
  }
}
