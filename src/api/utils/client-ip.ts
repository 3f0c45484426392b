import type { MedusaRequest } from "@medusajs/framework/http"
import { CREDENTIALS_MODULE } from "../../modules/credentials"
import type CredentialsModuleService from "../../modules/credentials/service"
import {
  clientKeyOf,
  compileProxyTrust,
  type ProxyTrust,
  resolveClientAddress,
  type TrustedProxies,
} from "../../modules/credentials/utils/client-address"

export type RequestClient = {
  /** The client's address, for audit rows. */
  ip: string
  /** What limits and locks count it by (its IPv4 address or IPv6 /56). */
  key: string
}

let compiled: { trusted: TrustedProxies; trust: ProxyTrust } | undefined
const resolved = new WeakMap<MedusaRequest, RequestClient>()

/**
 * The client a request comes from, by the plugin option `trusted_proxies`
 * (not Express's `trust proxy`, which Medusa sets to one hop: anyone who
 * reaches the server directly could then name any address). Every rate limit
 * and the sign-in lock count clients through this one function.
 */
export const requestClient = async (
  req: MedusaRequest
): Promise<RequestClient> => {
  const known = resolved.get(req)
  if (known) {
    return known
  }
  const { trusted_proxies } = await req.scope
    .resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
    .getOptions()
  if (compiled?.trusted !== trusted_proxies) {
    compiled = {
      trusted: trusted_proxies,
      trust: compileProxyTrust(trusted_proxies),
    }
  }
  const ip = resolveClientAddress(
    req.socket?.remoteAddress,
    req.headers["x-forwarded-for"],
    compiled.trust
  )
  const client = { ip, key: clientKeyOf(ip) }
  resolved.set(req, client)
  return client
}
