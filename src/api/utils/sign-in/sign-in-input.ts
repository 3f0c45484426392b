import type { MedusaRequest } from "@medusajs/framework/http"
import type { SignInInput, SignInOutcome } from "../../../workflows/sign-in"
import { requestClient } from "../client-ip"
import { requestCredentialSettings } from "../request-credential-settings"
import {
  hasDeviceCookie,
  issueDeviceCookie,
  trustedDevice,
} from "./device-cookie"

/**
 * The sign-in's input from an HTTP request: the identifier and password
 * sent, the settings this request read (once for all its gates), the client
 * by the plugin's `trusted_proxies` option (X-Forwarded-For only from
 * trusted proxies, keyed by IPv4 address or IPv6 /56), the device cookie,
 * and what core's emailpass provider reads of the request.
 */
export const signInInputOf = async (
  req: MedusaRequest,
  { identifier, password }: { identifier: string; password: string }
): Promise<SignInInput> => ({
  identifier,
  password,
  settings: await requestCredentialSettings(req),
  client: await requestClient(req),
  device: {
    has_cookie: hasDeviceCookie(req),
    id_for: (customerId, now) => trustedDevice(req, customerId, now),
  },
  provider_input: {
    url: req.url,
    headers: req.headers as Record<string, string>,
    protocol: req.protocol,
  },
  now: new Date(),
})

/** After a sign-in with the right password: this browser is a known device. */
export const rememberDevice = (req: MedusaRequest, outcome: SignInOutcome) => {
  if (outcome.remember_device) {
    issueDeviceCookie(
      req,
      outcome.remember_device.customer_id,
      outcome.remember_device.at
    )
  }
}
