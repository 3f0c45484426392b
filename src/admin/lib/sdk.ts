import Medusa from "@medusajs/js-sdk"

/**
 * The JS SDK the admin extensions call the plugin's routes with, signed in
 * through the admin's own session cookie. In a store that installs the
 * plugin, `__BACKEND_URL__` is the store's backend URL; in this repository's
 * dev app both it and `VITE_BACKEND_URL` may be set.
 */
const backendUrl =
  (typeof __BACKEND_URL__ !== "undefined" && __BACKEND_URL__) ||
  import.meta.env.VITE_BACKEND_URL ||
  "/"

export const sdk = new Medusa({
  baseUrl: backendUrl,
  auth: { type: "session" },
})
