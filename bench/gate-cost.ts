// CPU and wall time per call of the token gate's reads, in one process with
// no HTTP around them (run it against a bench database after a bench run):
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/medusa_credentials_bench \
//     NODE_ENV=production LOG_LEVEL=warn npx medusa exec ./bench/gate-cost.ts
//
// It takes the newest customer login and times, 2,000 times each after a
// warm-up, twice over (read the second pass): the auth module's read of the identity, the plugin's statement for
// the credential row and the B2B reference, and the gate's whole verdict
// (both in parallel, as on every request that carries a customer token).
import type { ExecArgs } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { CREDENTIALS_MODULE } from "../src/modules/credentials"
import type CredentialsModuleService from "../src/modules/credentials/service"
import { judgeCustomerSession } from "../src/api/gates/session-verdict"

const CALLS = 2000

export default async function gateCost({ container }: ExecArgs) {
  const auth = container.resolve(Modules.AUTH)
  const credentials =
    container.resolve<CredentialsModuleService>(CREDENTIALS_MODULE)
  const identities = await auth.listAuthIdentities(
    {},
    { select: ["id", "app_metadata"], order: { created_at: "DESC" } }
  )
  const identity = identities.find((found) => found.app_metadata?.customer_id)
  if (!identity) {
    process.stderr.write("no customer login in this database: run a bench\n")
    return
  }
  const customerId = identity.app_metadata!.customer_id as string
  const context = {
    auth_identity_id: identity.id,
    actor_id: customerId,
    actor_type: "customer",
    app_metadata: identity.app_metadata ?? {},
  }
  const cases: [string, () => Promise<unknown>][] = [
    [
      "auth module: listAuthIdentities",
      () =>
        auth.listAuthIdentities(
          { id: [identity.id] },
          { select: ["id", "app_metadata"] }
        ),
    ],
    [
      "plugin: readSessionState",
      () =>
        credentials.readSessionState({
          authIdentityId: identity.id,
          actorId: customerId,
          loginCustomerId: null,
        }),
    ],
    [
      "gate: judgeCustomerSession",
      () => judgeCustomerSession(container, context),
    ],
  ]
  // twice over: the first pass also warms the JIT for the later cases
  for (const [name, call] of [...cases, ...cases]) {
    for (let i = 0; i < 300; i++) {
      await call()
    }
    const cpu = process.cpuUsage()
    const start = performance.now()
    for (let i = 0; i < CALLS; i++) {
      await call()
    }
    const used = process.cpuUsage(cpu)
    const wall = performance.now() - start
    process.stdout.write(
      `${name}: ${((used.user + used.system) / 1000 / CALLS).toFixed(3)} ms CPU, ${(wall / CALLS).toFixed(3)} ms wall per call\n`
    )
  }
}
