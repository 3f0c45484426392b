import type {
  FilterableNotificationProps,
  INotificationModuleService,
  NotificationDTO,
} from "@medusajs/framework/types"
import { REMOVED_AFTER_SENDING, SECRET_FIELDS } from "./types"

type JsonObject = Record<string, unknown>

/**
 * The Notification Module's generated update (MedusaService makes one for
 * each model); its public interface lists only create, retrieve and list.
 */
type NotificationRows = INotificationModuleService & {
  updateNotifications(
    data: { id: string; data: JsonObject }[]
  ): Promise<NotificationDTO[]>
}

/** The secrets a notification's data still holds, longest first. */
export const secretsIn = (data: JsonObject | null | undefined): string[] =>
  SECRET_FIELDS.map((field) => data?.[field])
    .filter(
      (value): value is string =>
        typeof value === "string" &&
        value !== "" &&
        value !== REMOVED_AFTER_SENDING
    )
    .sort((a, b) => b.length - a.length)

const replaceSecrets = (value: unknown, secrets: string[]): unknown => {
  if (typeof value === "string") {
    return secrets.reduce(
      (text, secret) => text.split(secret).join(REMOVED_AFTER_SENDING),
      value
    )
  }
  if (Array.isArray(value)) {
    return value.map((item) => replaceSecrets(item, secrets))
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        replaceSecrets(item, secrets),
      ])
    )
  }
  return value
}

/**
 * A notification's data with every copy of its secrets (the values of
 * `SECRET_FIELDS`, wherever they appear: the field itself, the text) replaced
 * by `REMOVED_AFTER_SENDING`; null when it holds none.
 */
export const withoutSecrets = (
  data: JsonObject | null | undefined
): JsonObject | null => {
  const secrets = secretsIn(data)
  return secrets.length ? (replaceSecrets(data, secrets) as JsonObject) : null
}

/**
 * Rewrites, through the Notification Module, the given stored notifications
 * that still hold a secret: subject, recipient, template, status and text
 * stay, the password or link does not. Answers how many it rewrote.
 */
export const rewriteWithoutSecrets = async (
  notifications: INotificationModuleService,
  rows: { id: string; data?: JsonObject | null }[]
): Promise<number> => {
  const rewritten = rows.flatMap((row) => {
    const data = withoutSecrets(row.data)
    return data ? [{ id: row.id, data }] : []
  })
  if (rewritten.length) {
    await (notifications as NotificationRows).updateNotifications(rewritten)
  }
  return rewritten.length
}

/** `rewriteWithoutSecrets` for one page of the notifications matching `filters`. */
export const removeSentSecrets = async (
  notifications: INotificationModuleService,
  filters: FilterableNotificationProps & { idempotency_key?: string[] },
  page: { skip: number; take: number }
): Promise<{ read: number; rewritten: number }> => {
  const rows = await notifications.listNotifications(filters, {
    select: ["id", "data"],
    order: { created_at: "ASC", id: "ASC" },
    ...page,
  })
  return {
    read: rows.length,
    rewritten: await rewriteWithoutSecrets(notifications, rows),
  }
}
