import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

/**
 * The benchmarks' baseline: a Medusa application with the same Medusa
 * version (node resolves @medusajs/* from the repository's node_modules), the
 * same projectConfig and the same auth, emailpass and notification modules
 * as the repository's own medusa-config.ts, and without this plugin. The
 * benchmarks start it beside the plugin's server (`bench/lib.mjs`, its own
 * port and database) so every ratio compares Medusa with the plugin against
 * Medusa without it, measured in the same run.
 */
// As the repository's medusa-config.ts, so CORS costs both servers the same.
const DEV_CORS =
  "http://localhost:8000,http://localhost:9000,http://localhost:5173,http://127.0.0.1:9000"

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    redisUrl: process.env.REDIS_URL || undefined,
    http: {
      storeCors: process.env.STORE_CORS ?? DEV_CORS,
      adminCors: process.env.ADMIN_CORS ?? DEV_CORS,
      authCors: process.env.AUTH_CORS ?? DEV_CORS,
      jwtSecret: process.env.JWT_SECRET,
      cookieSecret: process.env.COOKIE_SECRET,
    },
  },
  admin: {
    disable: process.env.MEDUSA_ADMIN_DISABLED === "true",
  },
  modules: [
    {
      resolve: "@medusajs/medusa/auth",
      options: {
        providers: [
          { resolve: "@medusajs/medusa/auth-emailpass", id: "emailpass" },
        ],
        verification: {
          providers: [{ id: "token", options: { ttl_seconds: 24 * 3600 } }],
        },
      },
    },
    {
      resolve: "@medusajs/medusa/notification",
      options: {
        providers: [
          {
            resolve: "@medusajs/medusa/notification-local",
            id: "local",
            options: {
              name: "Local Notification Provider",
              channels: ["email", "feed"],
            },
          },
        ],
      },
    },
  ],
})
