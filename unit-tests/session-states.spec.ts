import { SessionStates } from "../src/modules/credentials/session-states"

const key = (authIdentityId: string, actorId: string, login?: string) => ({
  authIdentityId,
  actorId,
  loginCustomerId: login ?? actorId,
})

describe("SessionStates", () => {
  let clock = 0
  const states = () => {
    const made = new SessionStates<string>(1_000, 3, () => clock)
    made.setListening(true)
    return made
  }
  const counting = () => {
    let loads = 0
    return {
      load: (value: string) => async () => {
        loads++
        return value
      },
      get loads() {
        return loads
      },
    }
  }

  beforeEach(() => {
    clock = 0
  })

  it("loads once per login and account, then answers from memory", async () => {
    const kept = states()
    const loads = counting()
    expect(await kept.read(key("a", "c1"), loads.load("one"))).toBe("one")
    expect(await kept.read(key("a", "c1"), loads.load("two"))).toBe("one")
    expect(await kept.read(key("a", "c2"), loads.load("three"))).toBe("three")
    expect(loads.loads).toBe(2)
  })

  it("keeps nothing while the feed does not listen", async () => {
    const kept = new SessionStates<string>(1_000, 3, () => clock)
    const loads = counting()
    await kept.read(key("a", "c1"), loads.load("one"))
    expect(await kept.read(key("a", "c1"), loads.load("two"))).toBe("two")
    kept.setListening(true)
    await kept.read(key("a", "c1"), loads.load("three"))
    kept.setListening(false)
    expect(await kept.read(key("a", "c1"), loads.load("four"))).toBe("four")
    expect(loads.loads).toBe(4)
  })

  it("forgets a login's every account when the login changes", async () => {
    const kept = states()
    const loads = counting()
    await kept.read(key("a", "c1"), loads.load("a1"))
    await kept.read(key("a", "c2", "c1"), loads.load("a2"))
    await kept.read(key("b", "c3"), loads.load("b3"))
    kept.forgetLogin("a")
    expect(await kept.read(key("a", "c1"), loads.load("a1'"))).toBe("a1'")
    expect(await kept.read(key("a", "c2", "c1"), loads.load("a2'"))).toBe("a2'")
    expect(await kept.read(key("b", "c3"), loads.load("x"))).toBe("b3")
  })

  it("forgets every login that acts for, or belongs to, a changed customer", async () => {
    const kept = states()
    const loads = counting()
    // Login a is customer c1's and acts for company c2.
    await kept.read(key("a", "c2", "c1"), loads.load("a-for-c2"))
    await kept.read(key("b", "c3"), loads.load("b3"))
    kept.forgetCustomer("c1")
    expect(await kept.read(key("a", "c2", "c1"), loads.load("new"))).toBe("new")
    kept.forgetCustomer("c2")
    expect(await kept.read(key("a", "c2", "c1"), loads.load("newer"))).toBe(
      "newer"
    )
    expect(await kept.read(key("b", "c3"), loads.load("x"))).toBe("b3")
  })

  it("does not keep a load that a change overlapped", async () => {
    const kept = states()
    let release!: () => void
    const slow = kept.read(
      key("a", "c1"),
      () =>
        new Promise<string>((resolve) => {
          release = () => resolve("before the change")
        })
    )
    kept.forgetLogin("a")
    release()
    expect(await slow).toBe("before the change")
    expect(await kept.read(key("a", "c1"), async () => "after")).toBe("after")
  })

  it("loads again after the time to live", async () => {
    const kept = states()
    await kept.read(key("a", "c1"), async () => "one")
    clock = 999
    expect(await kept.read(key("a", "c1"), async () => "two")).toBe("one")
    clock = 1_000
    expect(await kept.read(key("a", "c1"), async () => "three")).toBe("three")
  })

  it("keeps at most its limit, dropping the oldest", async () => {
    const kept = states()
    for (const login of ["a", "b", "c", "d"]) {
      await kept.read(key(login, "c"), async () => login)
    }
    expect(kept.size).toBe(3)
    expect(await kept.read(key("a", "c"), async () => "a'")).toBe("a'")
    expect(await kept.read(key("d", "c"), async () => "d'")).toBe("d")
  })
})
