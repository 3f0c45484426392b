import { defineMiddlewares } from "@medusajs/framework/http"
import { adminMiddlewares } from "./admin/middlewares"

export default defineMiddlewares({
  routes: [...adminMiddlewares],
})
