import { defineMiddlewares } from "@medusajs/framework/http"
import { adminMiddlewares } from "./admin/middlewares"
import { b2bStoreMiddlewares } from "./store/b2b-middlewares"
import { storeMiddlewares } from "./store/middlewares"
import { ssoStoreMiddlewares } from "./store/sso-middlewares"

export default defineMiddlewares({
  routes: [
    ...adminMiddlewares,
    // Before the store middlewares: "SSO only" answers before any other gate.
    ...ssoStoreMiddlewares,
    ...storeMiddlewares,
    ...b2bStoreMiddlewares,
  ],
})
