/**
 * The `data` fields that hold a secret: a password, or a link with a token.
 * An email puts each secret it carries in one of these fields (and may repeat
 * it in its text); once the email is handed to the provider, every copy of
 * the field's value in the stored notification is replaced by
 * `REMOVED_AFTER_SENDING` (`remove-sent-secrets.ts`).
 */
export const SECRET_FIELDS = [
  "password",
  "activation_url",
  "reset_url",
] as const

/** What a stored notification holds in place of a secret once it is sent. */
export const REMOVED_AFTER_SENDING = "[removed after sending]"

/** What every credential email carries: the text any provider can send as is. */
export type CredentialEmail = {
  subject: string
  text: string
  /**
   * Named values for providers that render their own templates. A secret
   * goes in one of `SECRET_FIELDS`, never under another name.
   */
  data: Record<string, unknown>
}

export type EmailRecipient = {
  email: string
  first_name?: string | null
  last_name?: string | null
}

export const greeting = (to: EmailRecipient) =>
  to.first_name ? `Hello ${to.first_name},` : "Hello,"

/** Replaces {placeholders} in a link template; values are URL-encoded. */
export const fillLinkTemplate = (
  template: string,
  values: Record<string, string>
): string =>
  template.replace(/\{(\w+)\}/g, (match, key: string) =>
    key in values
      ? key === "storefront_url"
        ? values[key].replace(/\/$/, "")
        : encodeURIComponent(values[key])
      : match
  )
