import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import path from "path"
import { CREDENTIALS_MODULE } from "../../src/modules/credentials"
import {
  CredentialEvent,
  CredentialSignInClient,
  CustomerCredential,
  CustomerReference,
} from "../../src/modules/credentials/models"
import CredentialsModuleService from "../../src/modules/credentials/service"
import type { SignInClient } from "../../src/modules/credentials/types"

jest.setTimeout(60 * 1000)

const RULE = { threshold: 3, windowMinutes: 15, lockoutMinutes: 10 }
const minutes = (from: Date, count: number) =>
  new Date(from.getTime() + count * 60_000)
const ip = (name: string): SignInClient => ({
  key: `ip:${name}`,
  known_device: false,
})
const DEVICE: SignInClient = { key: "device:d1", known_device: true }

// The per-client sign-in lock, against the rows themselves: guessing from
// one client locks that client; past ten times the threshold across
// clients, only known devices are counted; a writer that clears the
// account's lock (the admin, a new password) ends every client's.
moduleIntegrationTestRunner<CredentialsModuleService>({
  moduleName: CREDENTIALS_MODULE,
  moduleModels: [
    CustomerCredential,
    CredentialEvent,
    CustomerReference,
    CredentialSignInClient,
  ],
  resolve: path.join(__dirname, "../../src/modules/credentials"),
  pathToMigrations: path.join(
    __dirname,
    "../../src/modules/credentials/migrations"
  ),
  testSuite: ({ service }) => {
    const begin = (client: SignInClient | undefined, now: Date) =>
      service
        .beginSignInAttempt(
          { customerId: "cus_1", authIdentityId: "authid_1", client },
          RULE,
          now
        )
        .then((attempt) => attempt!)
    const row = async () =>
      (await service.listCustomerCredentials({ customer_id: "cus_1" }))[0]

    beforeEach(async () => {
      await service.ensureCustomerCredential("cus_1")
    })

    it("locks the client that guessed, not the next one; the account row shows every failure and the lock", async () => {
      const now = new Date()
      const fromA = []
      for (let i = 0; i < 4; i++) {
        fromA.push(await begin(ip("a"), now))
      }
      const fromB = await begin(ip("b"), now)

      expect(fromA.map((a) => [a.failed_login_count, a.was_locked])).toEqual([
        [1, false],
        [2, false],
        [3, false],
        [3, true],
      ])
      expect(fromA[3]).toEqual(
        expect.objectContaining({
          refused_by: "client",
          locked_until: minutes(now, 10),
        })
      )
      expect(fromB).toEqual(
        expect.objectContaining({
          was_locked: false,
          refused_by: null,
          failed_login_count: 1,
          locked_until: null,
        })
      )
      expect(await row()).toEqual(
        expect.objectContaining({
          failed_login_count: 4,
          locked_until: minutes(now, 10),
          unknown_devices_locked_until: null,
        })
      )
    })

    it("of attempts sent at once from one client, only the threshold's are counted", async () => {
      const now = new Date()
      const attempts = await Promise.all(
        Array.from({ length: 12 }, () => begin(ip("burst"), now))
      )

      expect(attempts.filter((a) => !a.was_locked)).toHaveLength(3)
      expect((await row()).failed_login_count).toBe(3)
    })

    it("past ten times the threshold across clients, refuses unknown clients and counts known devices", async () => {
      const now = new Date()
      const last = []
      for (let client = 0; client < 10; client++) {
        for (let i = 0; i < 3; i++) {
          last.push(await begin(ip(`spread-${client}`), now))
        }
      }
      const unknown = await begin(ip("new"), now)
      const device = await begin(DEVICE, now)

      expect(last.every((a) => !a.was_locked)).toBe(true)
      expect(last.filter((a) => a.locked_unknown_devices)).toHaveLength(1)
      expect(last[29].locked_unknown_devices).toBe(true)
      expect(unknown).toEqual(
        expect.objectContaining({
          was_locked: true,
          refused_by: "unknown_devices",
          locked_until: minutes(now, 10),
        })
      )
      expect(device).toEqual(
        expect.objectContaining({ was_locked: false, failed_login_count: 1 })
      )
      expect(await row()).toEqual(
        expect.objectContaining({
          failed_login_count: 31,
          unknown_devices_locked_until: minutes(now, 10),
          locked_until: minutes(now, 10),
        })
      )
      // Once that lock ran out, the count starts again.
      const later = await begin(ip("new"), minutes(now, 11))
      expect(later.was_locked).toBe(false)
      expect((await row()).failed_login_count).toBe(1)
    })

    it("a right password clears its own client only, and takes one attempt off the account's count", async () => {
      const now = new Date()
      for (let i = 0; i < 3; i++) {
        await begin(ip("a"), now)
      }
      const owner = await begin(ip("b"), now)

      await service.settleSignInAttempt(
        {
          credentialId: owner.credential_id,
          client: ip("b"),
          signedInAt: now,
          event: {
            customer_id: "cus_1",
            action: "signed_in",
            actor_type: "customer",
            actor_id: "cus_1",
          },
        },
        now
      )

      expect(await row()).toEqual(
        expect.objectContaining({
          failed_login_count: 3,
          locked_until: minutes(now, 10),
          last_login_at: now,
        })
      )
      expect((await begin(ip("a"), now)).was_locked).toBe(true)
      expect((await begin(ip("b"), now)).failed_login_count).toBe(1)
    })

    it("a writer that clears the account's count and lock (admin unlock, new password) ends every client's", async () => {
      const now = new Date()
      for (let i = 0; i < 3; i++) {
        await begin(ip("a"), now)
        await begin(ip("b"), now)
      }
      const credential = await row()
      await service.updateCustomerCredentials({
        id: credential.id,
        failed_login_count: 0,
        locked_until: null,
      })

      const a = await begin(ip("a"), now)
      const b = await begin(ip("b"), now)

      expect([a.was_locked, a.failed_login_count]).toEqual([false, 1])
      expect([b.was_locked, b.failed_login_count]).toEqual([false, 1])
    })

    it("no lock outlasts the account's locked_until, and rows that hold nothing are dropped", async () => {
      const now = new Date()
      for (let i = 0; i < 3; i++) {
        await begin(ip("a"), now)
      }
      await begin(ip("stale"), now)
      const credential = await row()
      await service.updateCustomerCredentials({
        id: credential.id,
        locked_until: minutes(now, -1),
      })

      const again = await begin(ip("a"), minutes(now, 16))

      expect([again.was_locked, again.failed_login_count]).toEqual([false, 1])
      const clients = await service.listCredentialSignInClients({
        credential_id: credential.id,
      })
      expect(clients.map((client) => client.client_key)).toEqual(["ip:a"])
    })

    it("callers that name no client share one bucket (backward compatible)", async () => {
      const now = new Date()
      const counts = []
      for (let i = 0; i < 4; i++) {
        counts.push((await begin(undefined, now)).was_locked)
      }

      expect(counts).toEqual([false, false, false, true])
      expect((await begin(ip("a"), now)).was_locked).toBe(false)
    })
  },
})
