import Scrypt from "scrypt-kdf"

/**
 * Medusa's emailpass provider answers an unknown email at once, but spends
 * one scrypt derivation on a known one: the difference tells an attacker
 * which emails have accounts. On the unknown path the plugin spends the same
 * derivation on a throwaway hash, so both paths cost the same.
 *
 * The parameters are emailpass's defaults (logN 15, r 8, p 1); a store that
 * sets `hashConfig` on the provider passes the same to the plugin option
 * `scrypt_params` (see README).
 */
let dummyHash: Promise<Buffer> | undefined

export const spendPasswordCheck = async (
  password: string,
  params: { logN: number; r: number; p: number } = { logN: 15, r: 8, p: 1 }
): Promise<void> => {
  dummyHash ??= Scrypt.kdf("not-a-real-password", params)
  await Scrypt.verify(await dummyHash, password)
}
