// A real OpenID Connect provider (the `oidc-provider` package) for the SSO
// tests, run by oidc-test-provider.ts as a child process on a loopback port.
// oidc-provider is an ES module: a process of its own keeps it out of Jest's
// module system.
//
// The test signs a person in through the interaction API, as a login page
// would: POST /interaction/:uid/login with the person's claims as JSON. The
// claims are kept in memory and returned by findAccount; consent is
// pre-agreed (a first-party client), so the next redirect goes back to the
// store with a code.
//
// To test the store's checks the issuer can also misbehave, through
// POST /__test/tamper (the next ID tokens get the given claims changed, or
// are signed with a key the issuer never published) and POST
// /__test/rotate (a new signing key replaces the old one, in the JWKS too).
import crypto from "node:crypto"
import http from "node:http"
import Provider from "oidc-provider"

const { OIDC_TEST_CLIENT_ID, OIDC_TEST_CLIENT_SECRET, OIDC_TEST_REDIRECT_URI } =
  process.env

const server = http.createServer()
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve))
const issuer = `http://127.0.0.1:${server.address().port}`

/** sub → claims of the people signed in so far. */
const accounts = new Map()
const signingKeyObject = crypto.generateKeyPairSync("rsa", {
  modulusLength: 2048,
}).privateKey
const signingKey = signingKeyObject.export({ format: "jwk" })

const jwtPart = (value) =>
  Buffer.from(JSON.stringify(value)).toString("base64url")

/** A signing key of the issuer's: its private KeyObject and public JWK. */
const newKey = (kid) => {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", {
    modulusLength: 2048,
  })
  return {
    kid,
    privateKey,
    jwk: {
      ...publicKey.export({ format: "jwk" }),
      kid,
      use: "sig",
      alg: "RS256",
    },
  }
}

/** The key that signs and the only one published (a new one after /__test/rotate). */
let currentKey = {
  kid: "test-key",
  privateKey: signingKeyObject,
  jwk: {
    ...crypto.createPublicKey(signingKeyObject).export({ format: "jwk" }),
    kid: "test-key",
    use: "sig",
    alg: "RS256",
  },
}
/** After /__test/tamper: claims to change, or sign_with "unknown". */
let tampering = null
/** oidc-provider's own ID tokens are replaced once the test asked for anything. */
const rewriting = () => tampering !== null || currentKey.kid !== "test-key"

const signIdToken = (payload, key) => {
  const header = jwtPart({ alg: "RS256", typ: "JWT", kid: key.kid })
  const body = jwtPart(payload)
  const signature = crypto
    .sign("sha256", Buffer.from(`${header}.${body}`), key.privateKey)
    .toString("base64url")
  return `${header}.${body}.${signature}`
}

/** The token response's ID token, re-signed as the test asked. */
const rewriteIdToken = (idToken) => {
  const payload = JSON.parse(
    Buffer.from(idToken.split(".")[1], "base64url").toString()
  )
  const { sign_with: signWith, ...claims } = tampering ?? {}
  const key = signWith === "unknown" ? newKey("never-published") : currentKey
  return signIdToken({ ...payload, ...claims }, key)
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: OIDC_TEST_CLIENT_ID,
      client_secret: OIDC_TEST_CLIENT_SECRET,
      redirect_uris: [OIDC_TEST_REDIRECT_URI],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  jwks: {
    keys: [{ ...signingKey, kid: "test-key", use: "sig", alg: "RS256" }],
  },
  cookies: { keys: [crypto.randomBytes(32).toString("hex")] },
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["name", "given_name", "family_name"],
  },
  // The scopes' claims go into the ID token itself: core reads only the ID token.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  pkce: { required: () => true },
  interactions: {
    url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
  },
  findAccount: async (_ctx, sub) => {
    const claims = accounts.get(sub)
    return (
      claims && { accountId: sub, claims: async () => ({ ...claims, sub }) }
    )
  },
  // First-party client: the scopes are agreed without a consent screen.
  loadExistingGrant: async (ctx) => {
    const grantId =
      ctx.oidc.result?.consent?.grantId ||
      ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId)
    if (grantId) {
      return ctx.oidc.provider.Grant.find(grantId)
    }
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    })
    grant.addOIDCScope("openid email profile")
    await grant.save()
    return grant
  },
})

const readJson = async (req) => {
  let body = ""
  for await (const chunk of req) {
    body += chunk
  }
  return JSON.parse(body || "{}")
}

const oidc = provider.callback()

/** Lets oidc-provider answer, then replaces the ID token in its answer. */
const answerWithRewrittenIdToken = (req, res) => {
  const end = res.end.bind(res)
  res.end = (chunk, ...rest) => {
    const text = Buffer.isBuffer(chunk) ? chunk.toString() : chunk
    let body
    try {
      body = JSON.parse(text)
    } catch {
      return end(chunk, ...rest)
    }
    if (body.id_token) {
      body.id_token = rewriteIdToken(body.id_token)
    }
    const rewritten = JSON.stringify(body)
    res.setHeader("content-length", Buffer.byteLength(rewritten))
    return end(rewritten)
  }
  oidc(req, res)
}

server.on("request", async (req, res) => {
  const login = /^\/interaction\/[^/]+\/login$/.exec(req.url ?? "")
  try {
    if (req.method === "POST" && req.url === "/__test/tamper") {
      const body = await readJson(req)
      tampering = Object.keys(body).length ? body : null
      return res.end()
    }
    if (req.method === "POST" && req.url === "/__test/rotate") {
      currentKey = newKey(`rotated-${Date.now()}`)
      return res.end(JSON.stringify({ kid: currentKey.kid }))
    }
    if (req.method === "GET" && req.url === "/jwks") {
      res.setHeader("content-type", "application/jwk-set+json")
      return res.end(JSON.stringify({ keys: [currentKey.jwk] }))
    }
    if (req.method === "POST" && req.url === "/token" && rewriting()) {
      return answerWithRewrittenIdToken(req, res)
    }
    if (req.method === "POST" && login) {
      const claims = await readJson(req)
      accounts.set(claims.sub, claims)
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: claims.sub } },
        { mergeWithLastSubmission: false }
      )
      return
    }
    oidc(req, res)
  } catch (error) {
    res.statusCode = 500
    res.end(String(error?.message ?? error))
  }
})

process.stdout.write(`${JSON.stringify({ issuer })}\n`)
process.on("SIGTERM", () => server.close(() => process.exit(0)))
process.on("disconnect", () => process.exit(0))
