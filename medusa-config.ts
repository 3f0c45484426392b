import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

/**
 * This repository is both the plugin and a runnable Medusa application that
 * loads the plugin's own `src/` (module, routes, subscribers, links, admin
 * extensions). It is used by `npm run dev` and by the HTTP integration tests.
 *
 * Every value comes from the environment, with defaults that work on a local
 * machine with PostgreSQL on 127.0.0.1:5432 (trust auth).
 */
const DATABASE_URL =
  process.env.DATABASE_URL ??
  "postgres://postgres@127.0.0.1:5432/medusa_customer_credentials"

/**
 * Single sign-on: core's OpenID Connect provider (`@medusajs/auth-oidc`) for
 * customers, registered as "oidc" when OIDC_ISSUER, OIDC_CLIENT_ID and
 * OIDC_CALLBACK_URL are set (see README, "Single sign-on"). The claim
 * mappings put what the plugin's account linking reads into the identity's
 * user_metadata.
 */
const oidcProvider = () =>
  process.env.OIDC_ISSUER &&
  process.env.OIDC_CLIENT_ID &&
  process.env.OIDC_CALLBACK_URL
    ? [
        {
          resolve: "@medusajs/medusa/auth-oidc",
          id: "oidc",
          options: {
            issuer: process.env.OIDC_ISSUER,
            client_id: process.env.OIDC_CLIENT_ID,
            client_secret: process.env.OIDC_CLIENT_SECRET || undefined,
            callback_url: process.env.OIDC_CALLBACK_URL,
            display_name: process.env.OIDC_DISPLAY_NAME || undefined,
            scopes: process.env.OIDC_SCOPES?.split(/[\s,]+/).filter(Boolean),
            // false: an unverified email reaches the plugin, which then never
            // links it to an existing customer.
            require_verified_email:
              process.env.OIDC_REQUIRE_VERIFIED_EMAIL !== "false",
            claim_mappings: {
              email_verified:
                process.env.OIDC_EMAIL_VERIFIED_CLAIM || "email_verified",
              given_name: "given_name",
              family_name: "family_name",
            },
          },
        },
      ]
    : []

const DEV_CORS =
  "http://localhost:8000,http://localhost:9000,http://localhost:5173,http://127.0.0.1:9000"

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: DATABASE_URL,
    redisUrl: process.env.REDIS_URL || undefined,
    http: {
      storeCors: process.env.STORE_CORS ?? DEV_CORS,
      adminCors: process.env.ADMIN_CORS ?? DEV_CORS,
      authCors: process.env.AUTH_CORS ?? DEV_CORS,
      jwtSecret: process.env.JWT_SECRET ?? "local-dev-jwt-secret",
      cookieSecret: process.env.COOKIE_SECRET ?? "local-dev-cookie-secret",
    },
  },
  admin: {
    disable: process.env.MEDUSA_ADMIN_DISABLED === "true",
    backendUrl: process.env.MEDUSA_BACKEND_URL ?? "http://localhost:9000",
  },
  modules: [
    {
      resolve: "./src/modules/credentials",
      options: {
        storefront_url: process.env.STOREFRONT_URL ?? "http://localhost:8000",
        // The HTTP tests and the benchmarks (bench/, CREDENTIALS_RAISE_IP_LIMITS)
        // send every request from 127.0.0.1: per-IP limits are raised there
        // (per-email and per-account limits stay as they are).
        ...(process.env.NODE_ENV === "test" ||
        process.env.CREDENTIALS_RAISE_IP_LIMITS === "true"
          ? {
              rate_limits: {
                sign_in_failures_per_ip: 100000,
                register_per_ip: 100000,
                activate_per_ip: 100000,
                resend_activation_per_ip: 100000,
                reset_password_per_ip: 100000,
              },
            }
          : {}),
      },
    },
    {
      resolve: "@medusajs/medusa/auth",
      options: {
        providers: [
          { resolve: "@medusajs/medusa/auth-emailpass", id: "emailpass" },
          ...oidcProvider(),
        ],
        // Core's email verification codes (registration links) live 24 hours.
        verification: {
          providers: [{ id: "token", options: { ttl_seconds: 24 * 3600 } }],
        },
      },
    },
    {
      // The local provider writes each notification to the server log: the
      // plugin's emails (reset links, activation links) show up there in
      // development, and tests read the notifications it records.
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
