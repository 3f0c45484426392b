// Medusa's own lint rules for routes, workflows, modules, links, subscribers
// and admin extensions (the same preset `medusa lint` runs).
const medusa = require("@medusajs/eslint-plugin")

module.exports = [
  {
    ignores: [
      "node_modules/**",
      ".medusa/**",
      "dist/**",
      "coverage/**",
      "e2e/screenshots/**",
    ],
  },
  ...medusa.configs.recommended,
]
