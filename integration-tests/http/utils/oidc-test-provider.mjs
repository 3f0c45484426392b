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
// A browser signs in on HTML pages instead (e2e/sso-sign-in.spec.ts): GET
// /interaction/:uid shows a login form (any email, the issuer vouches for
// it) and, with OIDC_TEST_CONSENT=prompt, then a consent page whose "Allow"
// grants the scopes the client asked for.
//
// To test the store's checks the issuer can also misbehave, through
// POST /__test/tamper (the next ID tokens get the given claims changed, or
// are signed with a key the issuer never published) and POST
// /__test/rotate (a new signing key replaces the old one, in the JWKS too).
import crypto from "node:crypto"
import http from "node:http"
import Provider from "oidc-provider"

const {
  OIDC_TEST_CLIENT_ID,
  OIDC_TEST_CLIENT_SECRET,
  OIDC_TEST_REDIRECT_URI,
  OIDC_TEST_CONSENT,
} = process.env
/** "prompt": the person agrees on a consent page; else pre-agreed. */
const askConsent = OIDC_TEST_CONSENT === "prompt"

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
  // First-party client: the scopes are agreed without a consent screen
  // (unless OIDC_TEST_CONSENT=prompt: no grant yet asks for consent).
  loadExistingGrant: async (ctx) => {
    const grantId =
      ctx.oidc.result?.consent?.grantId ||
      ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId)
    if (grantId) {
      return ctx.oidc.provider.Grant.find(grantId)
    }
    if (askConsent) {
      return undefined
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

const readText = async (req) => {
  let body = ""
  for await (const chunk of req) {
    body += chunk
  }
  return body
}

const readJson = async (req) => JSON.parse((await readText(req)) || "{}")

const oidc = provider.callback()

const escapeHtml = (value) =>
  String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const page = (res, title, body) => {
  res.setHeader("content-type", "text/html; charset=utf-8")
  res.setHeader("cache-control", "no-store")
  res.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><link rel="icon" href="data:,">
<style>body{font:16px system-ui,sans-serif;max-width:28rem;margin:3rem auto}
label{display:block;margin:.75rem 0}input[type=email],input[type=text]{display:block;width:100%;padding:.4rem}
button{margin-top:1rem;padding:.5rem 1.5rem}</style></head>
<body><h1>Test identity provider</h1>${body}</body></html>`)
}

/** The login form, or the consent page, of an interaction. */
const showInteraction = async (req, res) => {
  const { uid, prompt, params } = await provider.interactionDetails(req, res)
  if (prompt.name === "login") {
    return page(
      res,
      "Sign in",
      `<h2>Sign in</h2>
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label>Email<input type="email" name="email" required autofocus></label>
<label>First name<input type="text" name="given_name"></label>
<label>Last name<input type="text" name="family_name"></label>
<label><input type="checkbox" name="email_verified" value="true" checked> Email verified</label>
<button type="submit">Sign in</button>
</form>`
    )
  }
  const scopes = String(params.scope ?? "")
    .split(" ")
    .filter(Boolean)
  return page(
    res,
    "Consent",
    `<h2>Allow access</h2>
<p><strong>${escapeHtml(params.client_id)}</strong> asks for:</p>
<ul>${scopes.map((scope) => `<li>${escapeHtml(scope)}</li>`).join("")}</ul>
<form method="post" action="/interaction/${escapeHtml(uid)}/confirm">
<button type="submit">Allow</button>
</form>`
  )
}

/** The login form's fields as the person's claims (sub from the email). */
const claimsOfForm = (form) => {
  const email = (form.get("email") ?? "").trim()
  const claims = {
    sub: `html-${crypto.createHash("sha256").update(email.toLowerCase()).digest("hex").slice(0, 16)}`,
    email,
    email_verified: form.get("email_verified") === "true",
  }
  for (const name of ["given_name", "family_name"]) {
    const value = (form.get(name) ?? "").trim()
    if (value) {
      claims[name] = value
    }
  }
  return claims
}

/** "Allow" on the consent page: a grant for what the client asked. */
const grantConsent = async (req, res) => {
  const details = await provider.interactionDetails(req, res)
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({
        accountId: details.session.accountId,
        clientId: details.params.client_id,
      })
  const missing = details.prompt.details
  if (missing.missingOIDCScope) {
    grant.addOIDCScope(missing.missingOIDCScope.join(" "))
  }
  if (missing.missingOIDCClaims) {
    grant.addOIDCClaims(missing.missingOIDCClaims)
  }
  const grantId = await grant.save()
  await provider.interactionFinished(
    req,
    res,
    { consent: details.grantId ? {} : { grantId } },
    { mergeWithLastSubmission: true }
  )
}

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
  const interaction = /^\/interaction\/[^/?]+$/.exec(req.url ?? "")
  const confirm = /^\/interaction\/[^/]+\/confirm$/.exec(req.url ?? "")
  const fromForm = String(req.headers["content-type"] ?? "").startsWith(
    "application/x-www-form-urlencoded"
  )
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
    if (req.method === "GET" && interaction) {
      return await showInteraction(req, res)
    }
    if (req.method === "POST" && confirm) {
      return await grantConsent(req, res)
    }
    if (req.method === "POST" && login) {
      const claims = fromForm
        ? claimsOfForm(new URLSearchParams(await readText(req)))
        : await readJson(req)
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
