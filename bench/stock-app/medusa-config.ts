import { defineConfig, loadEnv } from "@medusajs/framework/utils"
import { redisModules } from "../../medusa-config.redis"

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
// As the repository's medusa-config.ts: emailpass's scrypt parameters from
// EMAILPASS_HASH_CONFIG (JSON), so an overhead-only run (BENCH_HASH_CONFIG in
// bench/lib.mjs) makes both servers' derivations equally cheap.
const EMAILPASS_HASH_CONFIG = process.env.EMAILPASS_HASH_CONFIG
  ? (JSON.parse(process.env.EMAILPASS_HASH_CONFIG) as {
      logN: number
      r: number
      p: number
    })
  : undefined

// With REDIS_URL, Medusa's Redis modules, as the repository's
// medusa-config.ts has them (the production shape).
const REDIS_URL = process.env.REDIS_URL || undefined

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
  ...(REDIS_URL ? { featureFlags: { caching: true } } : {}),
  modules: [
    ...(REDIS_URL ? redisModules(REDIS_URL) : []),
    {
      resolve: "@medusajs/medusa/auth",
      options: {
        providers: [
          {
            resolve: "@medusajs/medusa/auth-emailpass",
            id: "emailpass",
            ...(EMAILPASS_HASH_CONFIG
              ? { options: { hashConfig: EMAILPASS_HASH_CONFIG } }
              : {}),
          },
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
