import { redisModules } from "./medusa-config.redis"
import { defineConfig, loadEnv, MedusaError } from "@medusajs/framework/utils"
import { randomBytes } from "node:crypto"

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
 * Single sign-on: the plugin's own OpenID Connect provider
 * (`src/providers/oidc`, on openid-client) for customers, registered as
 * `id` when `${prefix}_ISSUER`, `${prefix}_CLIENT_ID` and
 * `${prefix}_CALLBACK_URL` are set (see README, "Single sign-on"). "oidc"
 * reads OIDC_*; a second issuer (OIDC_PARTNER_*, id "oidc-partner") shows
 * how a store offers more than one.
 */
const oidcProvider = (prefix: string, id: string) => {
  const env = (name: string) => process.env[`${prefix}_${name}`] || undefined
  if (!env("ISSUER") || !env("CLIENT_ID") || !env("CALLBACK_URL")) {
    return []
  }
  return [
    {
      resolve: "./src/providers/oidc",
      id,
      options: {
        issuer: env("ISSUER"),
        client_id: env("CLIENT_ID"),
        client_secret: env("CLIENT_SECRET"),
        callback_url: env("CALLBACK_URL"),
        display_name: env("DISPLAY_NAME"),
        scopes: env("SCOPES")
          ?.split(/[\s,]+/)
          .filter(Boolean),
        // false: an unverified email reaches the plugin, which then never
        // links it to an existing customer.
        require_verified_email: env("REQUIRE_VERIFIED_EMAIL") !== "false",
        allowed_email_domains: env("ALLOWED_EMAIL_DOMAINS")
          ?.split(/[\s,]+/)
          .filter(Boolean),
        claim_mappings: {
          email_verified: env("EMAIL_VERIFIED_CLAIM") ?? "email_verified",
        },
        post_logout_redirect_uri: env("POST_LOGOUT_REDIRECT_URI"),
      },
    },
  ]
}

/**
 * Several instances (README, "Production"; `npm run dev:cluster`): with
 * REDIS_URL, Medusa's event bus, workflow engine, locking and caching use
 * Redis, so subscribers, scheduled jobs, workflow steps and locks are shared
 * by every instance; MEDUSA_WORKER_MODE says whether this one serves HTTP
 * ("server"), runs subscribers and scheduled jobs ("worker"), or both
 * ("shared", the default). Without REDIS_URL (`npm run dev`, the tests),
 * Medusa's in-process defaults.
 */
const REDIS_URL = process.env.REDIS_URL || undefined
const sharedModules = REDIS_URL ? redisModules(REDIS_URL) : []

/**
 * The store's signing secrets, from the environment: a secret written here
 * would be public, and would sign anyone's admin or customer token.
 * `npm run dev` writes random ones into .env (scripts/ensure-secrets.sh); the
 * tests use their own; production refuses to start without them; anything
 * else gets a random one for this process, with a warning.
 */
const secret = (name: "JWT_SECRET" | "COOKIE_SECRET"): string => {
  const value = process.env[name]
  if (value) {
    return value
  }
  if (process.env.NODE_ENV === "test") {
    return `test-${name.toLowerCase()}`
  }
  if (process.env.NODE_ENV === "production") {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `${name} is not set: set it to a long random value (see .env.template).`
    )
  }
  process.stderr.write(
    `${name} is not set: using a random one for this process (sessions end when it stops; run npm run dev to keep one in .env).\n`
  )
  return randomBytes(32).toString("hex")
}

/**
 * emailpass's scrypt parameters (its `hashConfig` option), when
 * EMAILPASS_HASH_CONFIG holds them as JSON, e.g. {"logN":14,"r":8,"p":1};
 * else emailpass's default. The plugin's dummy derivation follows them
 * (reliability-timing-hash-config.spec.ts).
 */
const EMAILPASS_HASH_CONFIG = process.env.EMAILPASS_HASH_CONFIG
  ? (JSON.parse(process.env.EMAILPASS_HASH_CONFIG) as {
      logN: number
      r: number
      p: number
    })
  : undefined

const DEV_CORS =
  "http://localhost:8000,http://localhost:9000,http://localhost:5173,http://127.0.0.1:9000"

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: DATABASE_URL,
    redisUrl: REDIS_URL,
    workerMode: process.env.MEDUSA_WORKER_MODE as
      "shared" | "worker" | "server" | undefined,
    http: {
      storeCors: process.env.STORE_CORS ?? DEV_CORS,
      adminCors: process.env.ADMIN_CORS ?? DEV_CORS,
      authCors: process.env.AUTH_CORS ?? DEV_CORS,
      jwtSecret: secret("JWT_SECRET"),
      cookieSecret: secret("COOKIE_SECRET"),
    },
  },
  // Medusa's caching module is behind this flag in 2.21.
  ...(REDIS_URL ? { featureFlags: { caching: true } } : {}),
  admin: {
    disable:
      process.env.MEDUSA_ADMIN_DISABLED === "true" ||
      process.env.MEDUSA_WORKER_MODE === "worker",
    backendUrl: process.env.MEDUSA_BACKEND_URL ?? "http://localhost:9000",
  },
  modules: [
    ...sharedModules,
    {
      resolve: "./src/modules/credentials",
      options: {
        storefront_url: process.env.STOREFRONT_URL ?? "http://localhost:8000",
        // The HTTP tests and the benchmarks (bench/, CREDENTIALS_RAISE_IP_LIMITS)
        // send every request from 127.0.0.1: per-IP limits are raised there
        // (per-email and per-account limits stay as they are), except in the
        // suite that checks the limits as shipped
        // (CREDENTIALS_SHIPPED_IP_LIMITS, rate-limits-as-shipped.spec.ts).
        ...((process.env.NODE_ENV === "test" ||
          process.env.CREDENTIALS_RAISE_IP_LIMITS === "true") &&
        process.env.CREDENTIALS_SHIPPED_IP_LIMITS !== "true"
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
          {
            resolve: "@medusajs/medusa/auth-emailpass",
            id: "emailpass",
            ...(EMAILPASS_HASH_CONFIG
              ? { options: { hashConfig: EMAILPASS_HASH_CONFIG } }
              : {}),
          },
          ...oidcProvider("OIDC", "oidc"),
          ...oidcProvider("OIDC_PARTNER", "oidc-partner"),
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
