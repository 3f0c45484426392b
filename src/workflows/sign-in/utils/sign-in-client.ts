import type { SignInClient } from "../../../modules/credentials/types"

/**
 * The client a password check of a login counts against: a known device of
 * its customer (a valid device cookie), else the client's address (IPv4, or
 * IPv6 /56).
 */
export const signInClientOf = (
  clientKey: string,
  knownDevice: string | null
): SignInClient =>
  knownDevice
    ? { key: `device:${knownDevice}`, known_device: true }
    : { key: `ip:${clientKey}`, known_device: false }
