/** What every credential email carries: the text any provider can send as is. */
export type CredentialEmail = {
  subject: string
  text: string
  /** Named values for providers that render their own templates. */
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
