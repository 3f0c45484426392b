import Scrypt from "scrypt-kdf"
import type { ScryptParams } from "./emailpass-hash-config"

/**
 * Medusa's emailpass provider answers an unknown email at once, but spends
 * one scrypt derivation on a known one: the difference tells an attacker
 * which emails have accounts. On the unknown path the plugin spends the same
 * derivation on a throwaway hash, so both paths cost the same.
 *
 * The parameters are the store's emailpass `hashConfig` (see
 * emailpass-hash-config.ts), so the throwaway check costs what a real one
 * costs on that store.
 */
const dummyHashes = new Map<string, Promise<Buffer>>()

export const spendPasswordCheck = async (
  password: string,
  params: ScryptParams
): Promise<void> => {
  const key = `${params.logN}:${params.r}:${params.p}`
  let dummyHash = dummyHashes.get(key)
  if (!dummyHash) {
    dummyHash = Scrypt.kdf("not-a-real-password", params)
    dummyHashes.set(key, dummyHash)
  }
  await Scrypt.verify(await dummyHash, password)
}
