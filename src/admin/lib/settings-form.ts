import {
  emailDomainSchema,
  settingSchemaAt,
} from "../../modules/credentials/settings-schema"
import {
  settingsLabels,
  type SettingLabel,
  type SettingSection,
} from "../labels/settings"

/**
 * A setting as the form renders it: its texts, and its kind and bounds read
 * from the server's schema, so the form checks exactly what the server will.
 */
export type SettingField = SettingLabel &
  (
    | { kind: "boolean" }
    | { kind: "integer"; min: number; max: number }
    | { kind: "text"; maxLength: number }
    /** A list of email domains, one per line or separated by commas. */
    | { kind: "domains" }
    /** One of a few values, in the schema's order. */
    | { kind: "choice"; options: string[] }
  )

export type FieldSection = Omit<SettingSection, "fields"> & {
  fields: SettingField[]
}

/** A field value while it is edited: switches hold booleans, inputs text. */
export type FormValue = string | boolean
export type FormValues = Record<string, FormValue>

/** The kind and bounds of a setting, from its schema (undefined: unknown key). */
export const describeSetting = (
  label: SettingLabel
): SettingField | undefined => {
  const schema = settingSchemaAt(label.key)
  const bag = schema as
    | {
        def: { type: string }
        minValue?: number | null
        maxValue?: number | null
        maxLength?: number | null
        options?: readonly string[]
      }
    | undefined
  switch (bag?.def.type) {
    case "boolean":
      return { ...label, kind: "boolean" }
    case "number":
      return {
        ...label,
        kind: "integer",
        min: bag.minValue ?? Number.MIN_SAFE_INTEGER,
        max: bag.maxValue ?? Number.MAX_SAFE_INTEGER,
      }
    case "string":
      return {
        ...label,
        kind: "text",
        maxLength: bag.maxLength ?? Number.MAX_SAFE_INTEGER,
      }
    case "array":
      return { ...label, kind: "domains" }
    case "enum":
      return { ...label, kind: "choice", options: [...(bag.options ?? [])] }
    default:
      return undefined
  }
}

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
): FieldSection[] =>
  sections
    .map((section) => ({
      ...section,
      fields: section.fields
        .filter((label) => readSetting(settings, label.key) !== undefined)
        .map(describeSetting)
        .filter((field): field is SettingField => field !== undefined),
    }))
    .filter((section) => section.fields.length)

const accepts = (field: SettingField, value: unknown) =>
  settingSchemaAt(field.key)?.safeParse(value).success === true

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
  sections: FieldSection[],
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

/**
 * The message for a value the server would refuse, or null: the setting's
 * own schema decides, the message says what to enter.
 */
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
      return accepts(field, Number(text))
        ? null
        : errors.range(field.min, field.max)
    }
    case "text":
      return accepts(field, String(value)) ? null : errors.text(field.maxLength)
    case "choice":
      return accepts(field, String(value)) ? null : errors.choice
    case "domains": {
      const wrong = splitDomains(String(value)).find(
        (domain) => !emailDomainSchema.safeParse(domain).success
      )
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
    case "choice":
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

const fieldsOf = (sections: FieldSection[]) =>
  sections.flatMap((section) => section.fields)

/** Only what changed, nested the way POST /admin/credential-settings takes it. */
export const changedSettings = (
  sections: FieldSection[],
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
  sections: FieldSection[]
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
  sections: FieldSection[],
  values: FormValues
): Record<string, string> =>
  Object.fromEntries(
    fieldsOf(sections)
      .map((field) => [field.key, validateField(field, values[field.key])])
      .filter((entry): entry is [string, string] => entry[1] !== null)
  )
