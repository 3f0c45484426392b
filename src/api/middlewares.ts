import { defineMiddlewares } from "@medusajs/framework/http"
import { adminMiddlewares } from "./admin/middlewares"
import { b2bStoreMiddlewares } from "./store/b2b-middlewares"
import { storeMiddlewares } from "./store/middlewares"

export default defineMiddlewares({
  routes: [...adminMiddlewares, ...storeMiddlewares, ...b2bStoreMiddlewares],
})
