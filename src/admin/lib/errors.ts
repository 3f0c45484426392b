/**
 * The message a person can act on. The JS SDK throws a FetchError whose
 * message is the API's `{ message }`; anything else falls back.
 */
export const errorMessage = (error: unknown, fallback: string): string =>
  error instanceof Error && error.message ? error.message : fallback

/** The HTTP status of a failed SDK call (FetchError.status), if any. */
export const errorStatus = (error: unknown): number | undefined => {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === "number" ? status : undefined
}
