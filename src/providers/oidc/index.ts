import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import { CustomerOidcAuthService } from "./service"

/**
 * The plugin's OpenID Connect provider for customers' single sign-on, on
 * `openid-client` (MIT). Registered in the auth module like any provider:
 * `{ resolve: "medusa-plugin-customer-credentials/providers/oidc", id: "oidc", options }`.
 */
export default ModuleProvider(Modules.AUTH, {
  services: [CustomerOidcAuthService],
})
