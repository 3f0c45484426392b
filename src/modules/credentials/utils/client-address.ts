import { BlockList, isIP } from "net"

/**
 * Which peers may tell the server who the client is (plugin option
 * `trusted_proxies`): a number of proxy hops in front of the server (0: none,
 * the socket's address is the client), or the addresses and CIDR ranges of
 * the proxies (`loopback`, `linklocal` and `uniquelocal` name the usual
 * private ranges, as in Express).
 */
export type TrustedProxies = number | string[]

const NAMED_RANGES: Record<string, string[]> = {
  loopback: ["127.0.0.0/8", "::1/128"],
  linklocal: ["169.254.0.0/16", "fe80::/10"],
  uniquelocal: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
}

/** IPv6 clients are keyed by their /56, the least an ISP hands a subscriber. */
const IPV6_KEY_PREFIX_BITS = 56

/**
 * An address as a socket or an X-Forwarded-For entry writes it, in one form:
 * brackets, ports and zone ids dropped, IPv4-mapped IPv6 as IPv4, lower case.
 * Null when it is not an IP address.
 */
export const parseAddress = (raw: string | null | undefined): string | null => {
  let value = raw?.trim().toLowerCase()
  if (!value) {
    return null
  }
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value)
  if (bracketed) {
    value = bracketed[1]
  } else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(value)) {
    value = value.slice(0, value.lastIndexOf(":"))
  }
  value = value.split("%")[0]
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(value)
  if (mapped) {
    value = mapped[1]
  }
  return isIP(value) ? value : null
}

/** An entry of `trusted_proxies` as [address, prefix bits], or null when malformed. */
const parseRange = (entry: string): [string, number] | null => {
  const [address, bits, extra] = entry.trim().split("/")
  const family = isIP(address)
  if (!family || extra !== undefined) {
    return null
  }
  const max = family === 4 ? 32 : 128
  if (bits === undefined) {
    return [address, max]
  }
  const prefix = /^\d{1,3}$/.test(bits) ? Number(bits) : NaN
  return prefix >= 0 && prefix <= max ? [address, prefix] : null
}

/** For the options schema: an entry `trusted_proxies` understands. */
export const isTrustedProxyEntry = (entry: string) =>
  entry in NAMED_RANGES || parseRange(entry) !== null

/** Is the peer at this hop (0: the socket's peer) a trusted proxy? */
export type ProxyTrust = (address: string, hop: number) => boolean

export const compileProxyTrust = (trusted: TrustedProxies): ProxyTrust => {
  if (typeof trusted === "number") {
    return (_address, hop) => hop < trusted
  }
  const ranges = new BlockList()
  for (const entry of trusted.flatMap((e) => NAMED_RANGES[e] ?? [e])) {
    const range = parseRange(entry)
    if (range) {
      ranges.addSubnet(
        range[0],
        range[1],
        isIP(range[0]) === 6 ? "ipv6" : "ipv4"
      )
    }
  }
  return (address) => {
    const family = isIP(address)
    return family !== 0 && ranges.check(address, family === 6 ? "ipv6" : "ipv4")
  }
}

/**
 * The client's address: the socket's peer, unless that peer is a trusted
 * proxy, in which case the address it appended to X-Forwarded-For, and so on
 * leftwards while each hop is trusted (as Express's `trust proxy` does, but
 * from the plugin's own option). What an untrusted peer writes in the header
 * is never read.
 */
export const resolveClientAddress = (
  socketAddress: string | null | undefined,
  forwardedFor: string | string[] | null | undefined,
  trust: ProxyTrust
): string => {
  const hops = (
    Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "")
  )
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .reverse()
  let client = parseAddress(socketAddress) ?? "unknown"
  for (let hop = 0; hop < hops.length && trust(client, hop); hop++) {
    const next = parseAddress(hops[hop])
    if (!next) {
      break
    }
    client = next
  }
  return client
}

const hextets = (address: string): number[] => {
  let text = address
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text)
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number)
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head, tail] = text.split("::")
  const left = head ? head.split(":") : []
  const right = tail === undefined ? [] : tail ? tail.split(":") : []
  const middle =
    tail === undefined ? [] : Array(8 - left.length - right.length).fill("0")
  return [...left, ...middle, ...right].map((part) => parseInt(part, 16))
}

/**
 * What limits and locks count a client by: its IPv4 address, or its IPv6
 * /56 (one host usually holds a whole /64 or more, so counting single IPv6
 * addresses would let one attacker be millions of clients).
 */
export const clientKeyOf = (address: string): string => {
  if (isIP(address) !== 6) {
    return address
  }
  const parts = hextets(address).slice(0, Math.ceil(IPV6_KEY_PREFIX_BITS / 16))
  const spare = parts.length * 16 - IPV6_KEY_PREFIX_BITS
  parts[parts.length - 1] &= 0xffff << spare
  return `${parts.map((part) => part.toString(16)).join(":")}::/${IPV6_KEY_PREFIX_BITS}`
}
