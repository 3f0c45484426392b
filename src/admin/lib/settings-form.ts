import {
  settingsLabels,
  type SettingField,
  type SettingSection,
} from "../labels/settings"

/** A field's value while it is edited: switches hold booleans, inputs text. */
export type FormValue = string | boolean
export type FormValues = Record<string, FormValue>

/** Mirrors the server's check of `sso_allowed_email_domains`. */
const DOMAIN = /^[a-z0-9.-]+\.[a-z]{2,}$/

/** `settings["password_policy"]["min_length"]` for "password_policy.min_length". */
export const readSetting = (
  settings: Record<string, unknown>,
  key: string
): unknown =>
  key
    .split(".")
    .reduce<unknown>(
      (value, part) =>
        value !== null && typeof value === "object"
          ? (value as Record<string, unknown>)[part]
          : undefined,
      settings
    )

/** The sections with only the fields the server returned a value for. */
export const visibleSections = (
  sections: SettingSection[],
  settings: Record<string, unknown>
): SettingSection[] =>
  sections
    .map((section) => ({
      ...section,
      fields: section.fields.filter(
        (field) => readSetting(settings, field.key) !== undefined
      ),
    }))
    .filter((section) => section.fields.length)

const splitDomains = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((domain) => domain.trim().toLowerCase())
    .filter(Boolean)

const toFormValue = (field: SettingField, value: unknown): FormValue => {
  switch (field.kind) {
    case "boolean":
      return value === true
    case "domains":
      return Array.isArray(value) ? value.join(", ") : ""
    default:
      return value === null || value === undefined ? "" : String(value)
  }
}

export const initialValues = (
  sections: SettingSection[],
  settings: Record<string, unknown>
): FormValues =>
  Object.fromEntries(
    sections.flatMap((section) =>
      section.fields.map((field) => [
        field.key,
        toFormValue(field, readSetting(settings, field.key)),
      ])
    )
  )

/** The message for a value the server would refuse, or null. */
export const validateField = (
  field: SettingField,
  value: FormValue
): string | null => {
  const { errors } = settingsLabels
  switch (field.kind) {
    case "boolean":
      return null
    case "integer": {
      const text = String(value).trim()
      if (!/^-?\d+$/.test(text)) {
        return errors.integer
      }
      const number = Number(text)
      return number < field.min || number > field.max
        ? errors.range(field.min, field.max)
        : null
    }
    case "text": {
      const length = String(value).trim().length
      return length < 1 || length > field.maxLength
        ? errors.text(field.maxLength)
        : null
    }
    case "domains": {
      const wrong = splitDomains(String(value)).find((d) => !DOMAIN.test(d))
      return wrong === undefined ? null : errors.domain(wrong)
    }
  }
}

const toApiValue = (field: SettingField, value: FormValue): unknown => {
  switch (field.kind) {
    case "boolean":
      return value === true
    case "integer":
      return Number(String(value).trim())
    case "text":
      return String(value).trim()
    case "domains":
      return splitDomains(String(value))
  }
}

const assign = (
  target: Record<string, unknown>,
  key: string,
  value: unknown
) => {
  const parts = key.split(".")
  const last = parts.pop()!
  let node = target
  for (const part of parts) {
    node[part] ??= {}
    node = node[part] as Record<string, unknown>
  }
  node[last] = value
}

const fieldsOf = (sections: SettingSection[]) =>
  sections.flatMap((section) => section.fields)

/** Only what changed, nested the way POST /admin/credential-settings takes it. */
export const changedSettings = (
  sections: SettingSection[],
  initial: FormValues,
  values: FormValues
): Record<string, unknown> => {
  const patch: Record<string, unknown> = {}
  for (const field of fieldsOf(sections)) {
    const before = toApiValue(field, initial[field.key])
    const after = toApiValue(field, values[field.key])
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      assign(patch, field.key, after)
    }
  }
  return patch
}

/**
 * Every shown setting back to the plugin's default: null for each, except
 * that a group the server saves as one value (`permissions`) is reset whole.
 */
export const resetSettings = (
  sections: SettingSection[]
): Record<string, unknown> => {
  const patch: Record<string, unknown> = {}
  for (const field of fieldsOf(sections)) {
    if (field.key.startsWith("permissions.")) {
      patch.permissions = null
    } else {
      assign(patch, field.key, null)
    }
  }
  return patch
}

export const fieldErrors = (
  sections: SettingSection[],
  values: FormValues
): Record<string, string> =>
  Object.fromEntries(
    fieldsOf(sections)
      .map((field) => [field.key, validateField(field, values[field.key])])
      .filter((entry): entry is [string, string] => entry[1] !== null)
  )
