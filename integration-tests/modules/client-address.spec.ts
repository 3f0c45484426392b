import { parseCredentialsOptions } from "../../src/modules/credentials/options"
import {
  clientKeyOf,
  compileProxyTrust,
  parseAddress,
  resolveClientAddress,
} from "../../src/modules/credentials/utils/client-address"

// The one function every limit and the sign-in lock take the client from:
// X-Forwarded-For is read only as far as the `trusted_proxies` option says.
describe("resolveClientAddress", () => {
  const resolve = (
    socket: string,
    forwardedFor: string | string[] | undefined,
    trusted: number | string[]
  ) => resolveClientAddress(socket, forwardedFor, compileProxyTrust(trusted))

  it("trusts no proxy by default: the socket's address, whatever the header says", () => {
    const trusted = parseCredentialsOptions({}).trusted_proxies

    expect(trusted).toBe(0)
    expect(resolve("::ffff:198.51.100.9", "203.0.113.1", trusted)).toBe(
      "198.51.100.9"
    )
  })

  it.each([
    // hops: the socket's peer and the proxies it names, right to left
    [1, "203.0.113.1", "203.0.113.1"],
    [1, "6.6.6.6, 203.0.113.1", "203.0.113.1"],
    [2, "6.6.6.6, 203.0.113.1, 10.0.0.2", "203.0.113.1"],
    [5, "203.0.113.1", "203.0.113.1"],
    [1, undefined, "10.0.0.1"],
    [1, ["6.6.6.6", "203.0.113.1"], "203.0.113.1"],
    // a malformed entry ends the walk: the last address known is the client
    [2, "203.0.113.1, not-an-ip", "10.0.0.1"],
  ])(
    "with %j trusted hops and X-Forwarded-For %j: %s",
    (hops, header, client) => {
      expect(resolve("10.0.0.1", header, hops)).toBe(client)
    }
  )

  it.each([
    // a proxy in the list may name the client; anyone else may not
    [["10.0.0.0/8"], "10.0.0.1", "6.6.6.6, 203.0.113.1", "203.0.113.1"],
    [["10.0.0.0/8"], "198.51.100.9", "203.0.113.1", "198.51.100.9"],
    [["10.0.0.0/8"], "10.0.0.1", "6.6.6.6, 10.0.0.7", "6.6.6.6"],
    [["loopback"], "::1", "203.0.113.1", "203.0.113.1"],
    [["uniquelocal"], "::ffff:192.168.1.1", "2001:db8::1", "2001:db8::1"],
    [["10.0.0.1"], "10.0.0.2", "203.0.113.1", "10.0.0.2"],
  ])(
    "with proxies %j, a request from %s with X-Forwarded-For %j is %s",
    (trusted, socket, header, client) => {
      expect(resolve(socket, header, trusted)).toBe(client)
    }
  )
})

describe("parseAddress and clientKeyOf", () => {
  it.each([
    ["::ffff:127.0.0.1", "127.0.0.1"],
    ["203.0.113.1:4711", "203.0.113.1"],
    ["[2001:DB8::1]:443", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    ["unknown", null],
    ["", null],
  ])("%j is %j", (raw, address) => {
    expect(parseAddress(raw)).toBe(address)
  })

  it("counts IPv4 by address and IPv6 by its /56", () => {
    expect(clientKeyOf("203.0.113.1")).toBe("203.0.113.1")
    expect(clientKeyOf("2001:db8:aa:bbcc:1::2")).toBe("2001:db8:aa:bb00::/56")
    expect(clientKeyOf("2001:db8:aa:bbff:ffff::9")).toBe(
      clientKeyOf("2001:db8:aa:bb00::1")
    )
    expect(clientKeyOf("2001:db8:aa:cc00::1")).not.toBe(
      clientKeyOf("2001:db8:aa:bb00::1")
    )
    expect(clientKeyOf("::1")).toBe("0:0:0:0::/56")
  })
})

describe("the trusted_proxies option", () => {
  it("takes a hop count or a list of addresses and ranges", () => {
    expect(
      parseCredentialsOptions({ trusted_proxies: 2 }).trusted_proxies
    ).toBe(2)
    expect(
      parseCredentialsOptions({
        trusted_proxies: [
          "10.0.0.0/8",
          "2001:db8::/32",
          "192.0.2.1",
          "loopback",
        ],
      }).trusted_proxies
    ).toEqual(["10.0.0.0/8", "2001:db8::/32", "192.0.2.1", "loopback"])
  })

  it.each([
    [-1, /trusted_proxies: Too small/],
    [1.5, /trusted_proxies/],
    ["10.0.0.0/8", /trusted_proxies: must be a number of proxy hops/],
    [["10.0.0.0/33"], /trusted_proxies\.0: must be an IP address/],
    [["proxy.example.com"], /trusted_proxies\.0: must be an IP address/],
    [["10.0.0.0/8/1"], /trusted_proxies\.0/],
  ])("stops start-up on %j, naming the option", (value, message) => {
    expect(() => parseCredentialsOptions({ trusted_proxies: value })).toThrow(
      message
    )
  })
})
