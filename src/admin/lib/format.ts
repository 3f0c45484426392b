/** Locale-aware date and time ("24 Nov 2026, 10:00"), or null for no value. */
export const formatDateTime = (
  value: string | Date | null | undefined
): string | null => {
  if (!value) {
    return null
  }
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) {
    return null
  }
  return new Intl.DateTimeFormat(undefined, {
    dateStyle: "medium",
    timeStyle: "short",
  }).format(date)
}

/** True while a sign-in lock lasts. */
export const isLockedNow = (
  lockedUntil: string | null | undefined,
  now: Date = new Date()
): boolean =>
  Boolean(lockedUntil) && new Date(lockedUntil!).getTime() > now.getTime()

/** When a temporary password set now would expire, for minutes > 0. */
export const expiryFromNow = (minutes: number, now: Date = new Date()) =>
  new Date(now.getTime() + minutes * 60_000)
