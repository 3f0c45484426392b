#!/usr/bin/env node
/**
 * Prints a mutation run's JSON report (`run.mjs --report file.json`) as a
 * markdown table for docs/testing.md: each fault, the promise it breaks, the
 * verdict and the first test that noticed it.
 *
 * Usage: node scripts/mutants/report-table.mjs file.json
 */
import fs from "node:fs"
import { faults } from "./faults.mjs"

const report = JSON.parse(fs.readFileSync(process.argv[2], "utf8"))
const specsOf = new Map(faults.map((fault) => [fault.id, fault.specs]))
const cell = (text) => String(text).replace(/\|/g, "\\|").replace(/\n/g, " ")

console.log("| fault | promise it breaks | verdict | noticed by |")
console.log("| ----- | ----------------- | ------- | ---------- |")
for (const result of report.results) {
  const spec = (specsOf.get(result.id) ?? [])
    .map((path) => path.split("/").pop())
    .join(", ")
  const test = result.failed_tests[0]?.trim() ?? ""
  console.log(
    `| \`${result.id}\` | ${cell(result.promise)} | ${result.verdict} | ${cell(
      test ? `${spec}: ${test}` : spec
    )} |`
  )
}
