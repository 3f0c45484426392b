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
const signingKey = crypto
  .generateKeyPairSync("rsa", { modulusLength: 2048 })
  .privateKey.export({ format: "jwk" })

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
server.on("request", async (req, res) => {
  const login = /^\/interaction\/[^/]+\/login$/.exec(req.url ?? "")
  try {
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
