import { randomFillSync } from "crypto"
import { factory } from "ulid"

/**
 * Random bytes drawn from the system's CSPRNG a pool at a time: `ulid`'s
 * default source asks `crypto.randomBytes` for one byte per character, 16
 * calls per id, which a sign-in (two ids) paid for measurably
 * (docs/performance.md).
 */
const POOL_SIZE = 4096
const pool = Buffer.alloc(POOL_SIZE)
let next = POOL_SIZE

const randomFraction = (): number => {
  if (next >= POOL_SIZE) {
    randomFillSync(pool)
    next = 0
  }
  // A byte over 256, as ulid's own source (a byte over 255) maps it to one
  // of its 32 characters, without its bias towards the last one.
  return pool[next++] / 256
}

const ulid = factory(randomFraction)

/**
 * An id as the module's models make them (`model.id({ prefix })`, which
 * calls Medusa's `generateEntityId`): `<prefix>_<ULID>`, for rows the
 * module's hand-written statements insert.
 */
export const entityId = (prefix: string): string => `${prefix}_${ulid()}`
