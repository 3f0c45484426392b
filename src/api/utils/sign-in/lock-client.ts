import type { MedusaRequest } from "@medusajs/framework/http"
import type { SignInClient } from "../../../modules/credentials/types"
import { signInClientOf } from "../../../workflows/sign-in/utils/sign-in-client"
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
  return {
    ip,
    client: signInClientOf(key, trustedDevice(req, customerId, now)),
  }
}
