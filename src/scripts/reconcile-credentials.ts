import type { ExecArgs } from "@medusajs/framework/types"
import { reconcileCredentials } from "../workflows/shared/utils/reconcile-credentials"

/**
 * The reconciliation job's pass, run by hand (after a crash, or to see what
 * it would report): `npx medusa exec ./src/scripts/reconcile-credentials.ts
 * [grace-minutes]`. Grace 0 also reports half states of the last minutes,
 * which a flow may still be finishing: use it only when no server runs
 * (the fault-injection run: `npm run test:crash`). Prints one line,
 * `reconcile-credentials {counts}`.
 */
export default async function reconcile({ container, args }: ExecArgs) {
  const minutes = args?.[0] === undefined ? undefined : Number(args[0])
  const report = await reconcileCredentials(container, {
    grace_ms:
      minutes === undefined || Number.isNaN(minutes)
        ? undefined
        : minutes * 60_000,
  })
  process.stdout.write(`reconcile-credentials ${JSON.stringify(report)}\n`)
}
