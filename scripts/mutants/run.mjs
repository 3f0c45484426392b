#!/usr/bin/env node
/**
 * The mutation check (`npm run test:mutants`): each fault in `faults.mjs`
 * is applied alone to a copy of the repository, and only the specs named to
 * notice it are run. A fault is KILLED when one of its tests fails, and
 * SURVIVED when they all pass. The command fails when any fault survives,
 * errs (its specs could not run, or no test ran) or cannot be applied (its
 * search string is missing or not unique: the code moved, so the list must
 * be updated rather than silently check nothing).
 *
 * The copy is a git worktree of HEAD (or --ref) in the temporary directory,
 * with node_modules linked: the working tree is never written, so others may
 * edit it meanwhile. Commit a spec before its fault can use it.
 *
 * Usage: node scripts/mutants/run.mjs [--only id,id] [--from id] [--list]
 *          [--check] [--baseline] [--ref <commit>] [--keep]
 *          [--timeout <minutes>] [--report <file.json>]
 *   --list      print the faults and their specs, run nothing
 *   --check     only check that every fault applies (search string found once)
 *   --baseline  first run each fault's specs without the fault: they must pass
 */
import { spawn, execFileSync } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { faults as allFaults } from "./faults.mjs"

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")

const args = process.argv.slice(2)
const flag = (name) => args.includes(`--${name}`)
const option = (name) => {
  const index = args.indexOf(`--${name}`)
  return index >= 0 ? args[index + 1] : undefined
}
const only = option("only")?.split(",").filter(Boolean)
const from = option("from")
const ref = option("ref") ?? "HEAD"
const timeoutMs = Number(option("timeout") ?? 20) * 60_000
const reportFile = option("report")

const fail = (message) => {
  console.error(`mutants: ${message}`)
  process.exit(2)
}

/**
 * A fault's changes to its file: one `search`/`replace`, or `edits`, a list
 * of them applied in order (a fault that moves code, e.g. an answer sent
 * after the work instead of before).
 */
const editsOf = (fault) =>
  fault.edits ??
  (fault.search === undefined
    ? []
    : [{ search: fault.search, replace: fault.replace }])

// The list itself: unique ids, every field there.
const seen = new Set()
for (const fault of allFaults) {
  for (const field of ["id", "promise", "file", "specs"]) {
    if (fault[field] === undefined || fault[field] === "") {
      fail(`fault ${fault.id ?? "?"} has no ${field}`)
    }
  }
  if (!editsOf(fault).length) {
    fail(`fault ${fault.id} has no search (or edits)`)
  }
  for (const edit of editsOf(fault)) {
    if (!edit.search) fail(`fault ${fault.id} has an empty search`)
    if (typeof edit.replace !== "string") {
      fail(`fault ${fault.id} has no replace (a string; empty deletes)`)
    }
    if (edit.search === edit.replace) {
      fail(`fault ${fault.id} changes nothing`)
    }
  }
  if (seen.has(fault.id)) fail(`fault id ${fault.id} is used twice`)
  seen.add(fault.id)
  if (!fault.specs.length) fail(`fault ${fault.id} names no spec`)
}
let faults = allFaults
if (only) {
  const unknown = only.filter((id) => !seen.has(id))
  if (unknown.length) fail(`unknown fault id(s): ${unknown.join(", ")}`)
  faults = faults.filter((fault) => only.includes(fault.id))
}
if (from) {
  const index = faults.findIndex((fault) => fault.id === from)
  if (index < 0) fail(`unknown fault id ${from}`)
  faults = faults.slice(index)
}

if (flag("list")) {
  for (const fault of faults) {
    console.log(
      `${fault.id}\n  ${fault.promise}\n  ${fault.file}\n  ${fault.specs.join(" ")}${
        fault.tests ? `  -t "${fault.tests}"` : ""
      }`
    )
  }
  console.log(`${faults.length} faults`)
  process.exit(0)
}

// The copy.
const work = fs.mkdtempSync(path.join(os.tmpdir(), "mutants-"))
const git = (...gitArgs) =>
  execFileSync("git", ["-C", repo, ...gitArgs], { encoding: "utf8" })
git("worktree", "add", "--detach", "--quiet", work, ref)
fs.symlinkSync(path.join(repo, "node_modules"), path.join(work, "node_modules"))
const commit = git("rev-parse", "--short", ref).trim()

let restore = () => {}
const cleanUp = () => {
  restore()
  if (flag("keep")) {
    console.log(`mutants: the copy stays in ${work}`)
    return
  }
  try {
    git("worktree", "remove", "--force", work)
  } catch {
    fs.rmSync(work, { recursive: true, force: true })
    git("worktree", "prune")
  }
}
let child
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (child?.pid) {
      try {
        process.kill(-child.pid, "SIGKILL")
      } catch {}
    }
    cleanUp()
    process.exit(130)
  })
}

// Every fault must apply: its search string once in its file, and its specs there.
const problems = []
for (const fault of faults) {
  const file = path.join(work, fault.file)
  if (!fs.existsSync(file)) {
    problems.push(`${fault.id}: ${fault.file} does not exist`)
    continue
  }
  const text = fs.readFileSync(file, "utf8")
  for (const { search } of editsOf(fault)) {
    const count = text.split(search).length - 1
    if (count !== 1) {
      problems.push(
        `${fault.id}: the search string is found ${count} times in ${fault.file} (must be once)`
      )
    }
  }
  for (const spec of fault.specs) {
    if (!fs.existsSync(path.join(work, spec))) {
      problems.push(`${fault.id}: spec ${spec} does not exist at ${commit}`)
    }
  }
}
if (problems.length) {
  cleanUp()
  fail(
    `${problems.length} fault(s) cannot be applied at ${commit}:\n  ${problems.join("\n  ")}`
  )
}
if (flag("check")) {
  cleanUp()
  console.log(`mutants: all ${faults.length} faults apply at ${commit}`)
  process.exit(0)
}

const testTypeOf = (spec) =>
  spec.startsWith("integration-tests/modules/")
    ? "integration:modules"
    : "integration:http"

/** Runs jest on specs of one type; answers what happened. */
const runJest = (specs, tests, label) =>
  new Promise((resolve) => {
    const output = path.join(work, `.mutants-${label}.json`)
    fs.rmSync(output, { force: true })
    const jestArgs = [
      "--runInBand",
      "--forceExit",
      "--json",
      `--outputFile=${output}`,
      ...(tests ? ["--testNamePattern", tests] : []),
      ...specs,
    ]
    const log = []
    child = spawn(path.join(work, "node_modules/.bin/jest"), jestArgs, {
      cwd: work,
      detached: true,
      env: {
        ...process.env,
        TEST_TYPE: testTypeOf(specs[0]),
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --experimental-vm-modules`,
        LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    })
    const keep = (chunk) => {
      log.push(chunk)
      if (log.length > 400) log.shift()
    }
    child.stdout.on("data", keep)
    child.stderr.on("data", keep)
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      try {
        process.kill(-child.pid, "SIGKILL")
      } catch {}
    }, timeoutMs)
    child.on("close", (code) => {
      clearTimeout(timer)
      child = undefined
      let report
      try {
        report = JSON.parse(fs.readFileSync(output, "utf8"))
      } catch {}
      const failedTests = []
      for (const suite of report?.testResults ?? []) {
        for (const test of suite.assertionResults ?? []) {
          if (test.status === "failed") failedTests.push(test.fullName)
        }
      }
      const suiteErrors = (report?.testResults ?? [])
        .filter(
          (suite) =>
            suite.status === "failed" &&
            !suite.assertionResults?.some((t) => t.status === "failed")
        )
        .map(
          (suite) =>
            `${path.relative(work, suite.name)}: ${(suite.message ?? "").split("\n").find((line) => line.trim()) ?? "failed"}`
        )
      resolve({
        code,
        timedOut,
        ran: report ? report.numPassedTests + report.numFailedTests : 0,
        failedTests,
        suiteErrors,
        tail: Buffer.concat(log)
          .toString("utf8")
          .split("\n")
          .slice(-40)
          .join("\n"),
      })
    })
  })

/** Runs a fault's specs (one jest per test type) and judges the result. */
const runSpecs = async (fault, label) => {
  const byType = new Map()
  for (const spec of fault.specs) {
    const type = testTypeOf(spec)
    byType.set(type, [...(byType.get(type) ?? []), spec])
  }
  const results = []
  for (const specs of byType.values()) {
    results.push(await runJest(specs, fault.tests, label))
  }
  const failedTests = results.flatMap((r) => r.failedTests)
  const suiteErrors = results.flatMap((r) => r.suiteErrors)
  const ran = results.reduce((sum, r) => sum + r.ran, 0)
  if (results.some((r) => r.timedOut)) {
    return { status: "timeout", failedTests, suiteErrors, ran }
  }
  if (failedTests.length) {
    return { status: "failed", failedTests, suiteErrors, ran }
  }
  if (suiteErrors.length || results.some((r) => r.code !== 0) || ran === 0) {
    return {
      status: "error",
      failedTests,
      suiteErrors: suiteErrors.length
        ? suiteErrors
        : [
            ran === 0
              ? "no test ran (check the -t pattern)"
              : results.map((r) => r.tail).join("\n"),
          ],
      ran,
    }
  }
  return { status: "passed", failedTests, suiteErrors, ran }
}

const seconds = (start) => Math.round((Date.now() - start) / 1000)
const startedAt = Date.now()
console.log(
  `mutants: ${faults.length} faults at ${commit}, one at a time, in ${work}\n`
)

if (flag("baseline")) {
  // One run per spec set, with every test any of its faults names (all of
  // them when one fault names none): each Medusa boots once.
  const sets = new Map()
  for (const fault of faults) {
    const key = fault.specs.join(" ")
    const set = sets.get(key) ?? { specs: fault.specs, patterns: new Set() }
    set.patterns.add(fault.tests ?? null)
    sets.set(key, set)
  }
  let broken = 0
  for (const set of sets.values()) {
    const fault = {
      specs: set.specs,
      tests: set.patterns.has(null)
        ? undefined
        : [...set.patterns].map((pattern) => `(?:${pattern})`).join("|"),
    }
    const start = Date.now()
    const result = await runSpecs(fault, "baseline")
    const ok = result.status === "passed"
    if (!ok) broken++
    console.log(
      `baseline ${ok ? "ok  " : "FAIL"} ${fault.specs.join(" ")}${fault.tests ? ` -t "${fault.tests}"` : ""} (${seconds(start)} s, ${result.ran} tests)${
        ok
          ? ""
          : `\n    ${[...result.failedTests, ...result.suiteErrors].join("\n    ")}`
      }`
    )
  }
  if (broken) {
    cleanUp()
    fail(`${broken} spec set(s) fail without any fault: fix them first`)
  }
  console.log("")
}

const results = []
for (const [index, fault] of faults.entries()) {
  const file = path.join(work, fault.file)
  const original = fs.readFileSync(file, "utf8")
  restore = () => fs.writeFileSync(file, original)
  fs.writeFileSync(
    file,
    editsOf(fault).reduce(
      (text, edit) => text.replace(edit.search, () => edit.replace),
      original
    )
  )
  const start = Date.now()
  const result = await runSpecs(fault, "fault")
  restore()
  restore = () => {}
  const verdict =
    result.status === "failed"
      ? "killed"
      : result.status === "timeout"
        ? "killed (timeout)"
        : result.status === "passed"
          ? "SURVIVED"
          : "ERROR"
  const entry = {
    id: fault.id,
    promise: fault.promise,
    verdict,
    seconds: seconds(start),
    tests_run: result.ran,
    failed_tests: result.failedTests,
    errors: result.suiteErrors,
  }
  results.push(entry)
  console.log(
    `[${index + 1}/${faults.length}] ${verdict.padEnd(16)} ${fault.id} (${entry.seconds} s, ${result.ran} tests)`
  )
  if (verdict.startsWith("killed")) {
    console.log(
      `    by: ${result.failedTests.slice(0, 2).join(" | ") || "timeout"}`
    )
  } else if (verdict === "SURVIVED") {
    console.log(
      `    ${fault.promise}: no test noticed (${fault.specs.join(" ")})`
    )
  } else {
    console.log(`    ${result.suiteErrors.join("\n    ").slice(0, 3000)}`)
  }
}

cleanUp()
const count = (prefix) =>
  results.filter((r) => r.verdict.startsWith(prefix)).length
const killed = count("killed")
const survived = count("SURVIVED")
const errored = count("ERROR")
const total = seconds(startedAt)
console.log(
  `\nmutants: ${results.length} faults at ${commit}: ${killed} killed, ${survived} survived, ${errored} errors, in ${Math.floor(total / 60)} min ${total % 60} s`
)
for (const r of results.filter((r) => !r.verdict.startsWith("killed"))) {
  console.log(`  ${r.verdict}: ${r.id} (${r.promise})`)
}
if (reportFile) {
  fs.writeFileSync(
    reportFile,
    JSON.stringify(
      { commit, seconds: total, killed, survived, errored, results },
      null,
      2
    )
  )
}
process.exit(survived || errored ? 1 : 0)
