const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

// The test runners create one database per suite on this server. The host must
// read "localhost": @medusajs/test-utils turns SSL on for any other host name.
process.env.DB_HOST ??= "localhost"
process.env.DB_PORT ??= "5432"
process.env.DB_USERNAME ??= "postgres"

/** @type {import('jest').Config} */
module.exports = {
  transform: {
    "^.+\\.[jt]sx?$": [
      "@swc/jest",
      {
        jsc: {
          parser: { syntax: "typescript", decorators: true },
          target: "es2021",
        },
        // A dynamic import() stays one: ES-module-only packages (openid-client)
        // load through Jest's ESM support (--experimental-vm-modules).
        module: { type: "commonjs", ignoreDynamic: true },
      },
    ],
  },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/"],
  setupFiles: ["./integration-tests/setup.js"],
  testTimeout: 120000,
}

if (process.env.TEST_TYPE === "unit") {
  // Pure code, no database: seconds, run first by `npm test`.
  module.exports.testMatch = ["**/unit-tests/**/*.spec.[jt]s"]
  module.exports.setupFiles = []
} else if (process.env.TEST_TYPE === "integration:http") {
  module.exports.testMatch = ["**/integration-tests/http/**/*.spec.[jt]s"]
} else if (process.env.TEST_TYPE === "integration:modules") {
  module.exports.testMatch = ["**/integration-tests/modules/**/*.spec.[jt]s"]
} else if (process.env.TEST_TYPE === "e2e") {
  // Browser tests of the admin UI against a running store (e2e/run.sh).
  module.exports.testMatch = ["**/e2e/**/*.spec.[jt]s"]
  module.exports.setupFiles = []
}
