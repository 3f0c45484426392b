import { MedusaError } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import {
  DEFAULT_SETTINGS,
  mergeSettingsOptions,
  settingsOptionsSchema,
} from "./settings-schema"
import type { CredentialsModuleOptions } from "./types"
import { isTrustedProxyEntry } from "./utils/client-address"

export const DEFAULT_CREDENTIALS_OPTIONS: CredentialsModuleOptions = {
  settings: DEFAULT_SETTINGS,
  storefront_url: "http://localhost:8000",
  reset_password_url: "{storefront_url}/account/reset-password?token={token}",
  activation_url: "{storefront_url}/account/activate?token={token}",
  activation_ttl_hours: 72,
  sso_provider: "oidc",
  trusted_proxies: 0,
  rate_limits: {
    sign_in_failures_per_ip: 100,
    register_per_ip: 30,
    activate_per_ip: 60,
    resend_activation_per_ip: 20,
    resend_activation_per_email: 3,
    reset_password_per_ip: 20,
    reset_password_per_email: 5,
    verification_per_login_per_hour: 5,
  },
  templates: {
    password_reset: "customer-password-reset",
    password_changed: "customer-password-changed",
    credentials_generated: "customer-credentials-generated",
    activation: "customer-account-activation",
  },
}

const defaults = DEFAULT_CREDENTIALS_OPTIONS

const linkTemplate = z.string().refine((value) => value.includes("{token}"), {
  message: "must contain the {token} placeholder",
})

const OptionsSchema = z
  .object({
    settings: settingsOptionsSchema,
    storefront_url: z.url(),
    reset_password_url: linkTemplate,
    activation_url: linkTemplate,
    activation_ttl_hours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30),
    rate_limits: z
      .object({
        sign_in_failures_per_ip: z.number().int().min(1),
        register_per_ip: z.number().int().min(1),
        activate_per_ip: z.number().int().min(1),
        resend_activation_per_ip: z.number().int().min(1),
        resend_activation_per_email: z.number().int().min(1),
        reset_password_per_ip: z.number().int().min(1),
        reset_password_per_email: z.number().int().min(1),
        verification_per_login_per_hour: z.number().int().min(1),
      })
      .partial()
      .strict(),
    templates: z
      .object({
        password_reset: z.string().min(1),
        password_changed: z.string().min(1),
        credentials_generated: z.string().min(1),
        activation: z.string().min(1),
      })
      .partial()
      .strict(),
    email_from: z.string().min(1),
    sso_provider: z.string().min(1).max(100),
    trusted_proxies: z.union(
      [
        z.number().int().min(0).max(100),
        z.array(
          z.string().refine(isTrustedProxyEntry, {
            message:
              "must be an IP address, a CIDR range (such as 10.0.0.0/8) or one of loopback, linklocal, uniquelocal",
          })
        ),
      ],
      {
        error:
          "must be a number of proxy hops (0 or more) or a list of proxy addresses and CIDR ranges (such as 10.0.0.0/8, or loopback, linklocal, uniquelocal)",
      }
    ),
  })
  .partial()
// Not strict at the top level: Medusa adds its own keys (such as `database`)
// to every module's options. The nested objects are ours, and strict.

/**
 * Checks the plugin options once, at start-up, and fills in the defaults.
 * A wrong option stops the server with a message naming the option.
 */
export const parseCredentialsOptions = (
  raw: unknown
): CredentialsModuleOptions => {
  const parsed = OptionsSchema.safeParse(raw ?? {})
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map(
        (issue) => `${issue.path.join(".") || "(options)"}: ${issue.message}`
      )
      .join("; ")
    throw new MedusaError(
      MedusaError.Types.INVALID_ARGUMENT,
      `medusa-plugin-customer-credentials: invalid plugin options: ${problems}`
    )
  }
  const options = parsed.data
  return {
    ...defaults,
    ...options,
    settings: mergeSettingsOptions(options.settings, defaults.settings),
    templates: { ...defaults.templates, ...options.templates },
    rate_limits: { ...defaults.rate_limits, ...options.rate_limits },
  }
}
