import { defineMiddlewares } from "@medusajs/framework/http"
import { adminMiddlewares } from "./admin/middlewares"
import { gateMiddlewares } from "./gates/middlewares"
import { b2bStoreMiddlewares } from "./store/b2b-middlewares"
import { storeMiddlewares } from "./store/middlewares"
import { ssoStoreMiddlewares } from "./store/sso-middlewares"

export default defineMiddlewares({
  routes: [
    // First: every customer token, and every /auth route, pass here.
    ...gateMiddlewares,
    ...adminMiddlewares,
    // Before the store middlewares: "SSO only" answers before any other gate.
    ...ssoStoreMiddlewares,
    ...storeMiddlewares,
    ...b2bStoreMiddlewares,
  ],
})
