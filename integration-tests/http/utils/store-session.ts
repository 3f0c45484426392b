import type { AxiosInstance } from "axios"
import { failure } from "./credentials"

export const STORE_PASSWORD = "Shopper-Passw0rd!"

/** Calls the store API with a publishable key and, optionally, a customer token. */
export const storeClient = (
  api: AxiosInstance,
  publishableKey: Record<string, string>
) => {
  const headers = (token?: string) => ({
    ...publishableKey,
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  })
  return {
    post: (path: string, body: unknown, token?: string) =>
      api.post(path, body, { headers: headers(token) }).catch(failure),
    get: (path: string, token?: string) =>
      api.get(path, { headers: headers(token) }).catch(failure),
  }
}

export const activationTokenFrom = (text: string) => {
  const url = /(http\S+activate\?token=\S+)/.exec(text)?.[1]
  if (!url) {
    throw new Error(`no activation link in: ${text}`)
  }
  return new URL(url).searchParams.get("token")!
}

/**
 * The token a sign-in or an account selection answered with. Throws when the
 * answer carries none, so a later check ("not refused") cannot pass as an
 * anonymous request.
 */
export const tokenFrom = (response: {
  status: number
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any
}): string => {
  const token = response.data?.token
  if (response.status !== 200 || typeof token !== "string" || !token) {
    throw new Error(
      `expected a token, got ${response.status} ${JSON.stringify(response.data)}`
    )
  }
  return token
}
