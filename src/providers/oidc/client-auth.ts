import { createPrivateKey, webcrypto, type JsonWebKey } from "node:crypto"
import { openidClient, type OpenIdClient } from "./openid-client"
import type { OidcProviderOptions } from "./options"

type SigningAlgorithm = NonNullable<
  NonNullable<OidcProviderOptions["private_key_jwt"]>["alg"]
>

/** The WebCrypto algorithm for a JWS algorithm (private_key_jwt). */
const IMPORT_ALGORITHM: Record<
  SigningAlgorithm,
  RsaHashedImportParams | EcKeyImportParams | { name: "Ed25519" }
> = {
  RS256: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
  PS256: { name: "RSA-PSS", hash: "SHA-256" },
  ES256: { name: "ECDSA", namedCurve: "P-256" },
  ES384: { name: "ECDSA", namedCurve: "P-384" },
  ES512: { name: "ECDSA", namedCurve: "P-521" },
  EdDSA: { name: "Ed25519" },
}

const defaultAlgorithm = (jwk: JsonWebKey): SigningAlgorithm => {
  if (jwk.kty === "EC") {
    return jwk.crv === "P-384"
      ? "ES384"
      : jwk.crv === "P-521"
        ? "ES512"
        : "ES256"
  }
  return jwk.kty === "OKP" ? "EdDSA" : "RS256"
}

/**
 * How the provider authenticates itself at the issuer's token endpoint: a
 * client secret (basic or post), or a JWT signed with the merchant's
 * private key (`private_key_jwt`, the key given as PEM or as a JWK).
 */
export const clientAuthentication = async (
  options: OidcProviderOptions
): Promise<OpenIdClient.ClientAuth> => {
  const oidc = await openidClient()
  const signed = options.private_key_jwt
  if (!signed) {
    return options.token_endpoint_auth_method === "client_secret_post"
      ? oidc.ClientSecretPost(options.client_secret!)
      : oidc.ClientSecretBasic(options.client_secret!)
  }
  const jwk = (
    typeof signed.key === "string"
      ? createPrivateKey(signed.key).export({ format: "jwk" })
      : signed.key
  ) as JsonWebKey
  const alg = signed.alg ?? defaultAlgorithm(jwk)
  const key = await webcrypto.subtle.importKey(
    "jwk",
    jwk as webcrypto.JsonWebKey,
    IMPORT_ALGORITHM[alg],
    false,
    ["sign"]
  )
  return oidc.PrivateKeyJwt({
    key: key as unknown as CryptoKey,
    kid: signed.kid ?? (typeof jwk.kid === "string" ? jwk.kid : undefined),
  })
}
