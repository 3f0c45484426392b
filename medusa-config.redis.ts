/**
 * Medusa's modules that share work between instances through Redis: the
 * event bus, the workflow engine, locking and caching (README,
 * "Production"). Used by medusa-config.ts when REDIS_URL is set, and by the
 * benchmarks' stock app (bench/stock-app), so that a comparison in the
 * production shape gives both servers the same modules.
 */
export const redisModules = (redisUrl: string) => [
  {
    resolve: "@medusajs/medusa/event-bus-redis",
    options: { redisUrl },
  },
  {
    resolve: "@medusajs/medusa/workflow-engine-redis",
    options: { redis: { redisUrl } },
  },
  {
    resolve: "@medusajs/medusa/locking",
    options: {
      providers: [
        {
          resolve: "@medusajs/medusa/locking-redis",
          id: "locking-redis",
          is_default: true,
          options: { redisUrl },
        },
      ],
    },
  },
  {
    resolve: "@medusajs/medusa/caching",
    options: {
      providers: [
        {
          resolve: "@medusajs/medusa/caching-redis",
          id: "caching-redis",
          is_default: true,
          options: { redisUrl },
        },
      ],
    },
  },
]
