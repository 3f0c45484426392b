import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ArrowPath } from "@medusajs/icons"
import {
  Button,
  Container,
  Heading,
  Hint,
  Input,
  Label,
  Skeleton,
  Select,
  Switch,
  Text,
  Textarea,
  toast,
  usePrompt,
} from "@medusajs/ui"
import { useEffect, useMemo, useState, type FormEvent } from "react"
import { ActionMenu } from "../../../components/action-menu"
import {
  useCredentialSettings,
  useUpdateCredentialSettings,
} from "../../../hooks/credential-settings"
import {
  settingsLabels as labels,
  settingsSections,
} from "../../../labels/settings"
import { errorMessage } from "../../../lib/errors"
import {
  changedSettings,
  fieldErrors,
  initialValues,
  resetSettings,
  visibleSections,
  type FormValue,
  type FormValues,
  type SettingField,
} from "../../../lib/settings-form"

const inputId = (key: string) => `credential-setting-${key.replace(".", "-")}`

const SettingControl = ({
  field,
  value,
  error,
  onChange,
}: {
  field: SettingField
  value: FormValue
  error?: string
  onChange: (value: FormValue) => void
}) => {
  const id = inputId(field.key)
  const describedBy = `${id}-description`

  const control = (() => {
    switch (field.kind) {
      case "boolean":
        return (
          <Switch
            id={id}
            checked={value === true}
            onCheckedChange={(checked) => onChange(checked)}
            aria-describedby={describedBy}
          />
        )
      case "integer":
        return (
          <div className="flex items-center gap-x-2">
            <Input
              id={id}
              type="number"
              inputMode="numeric"
              size="small"
              className="w-28"
              min={field.min}
              max={field.max}
              step={1}
              value={String(value)}
              aria-invalid={Boolean(error)}
              aria-describedby={describedBy}
              onChange={(event) => onChange(event.target.value)}
            />
            {field.unit && (
              <Text size="small" className="text-ui-fg-subtle">
                {field.unit}
              </Text>
            )}
          </div>
        )
      case "text":
        return (
          <Input
            id={id}
            size="small"
            className="w-64"
            maxLength={field.maxLength}
            value={String(value)}
            aria-invalid={Boolean(error)}
            aria-describedby={describedBy}
            onChange={(event) => onChange(event.target.value)}
          />
        )
      case "choice":
        return (
          <Select
            value={String(value)}
            onValueChange={(choice) => onChange(choice)}
          >
            <Select.Trigger
              id={id}
              className="w-64"
              aria-invalid={Boolean(error)}
              aria-describedby={describedBy}
            >
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              {field.options.map((option) => (
                <Select.Item key={option} value={option}>
                  {field.choices?.[option] ?? option}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        )
      case "domains":
        return (
          <Textarea
            id={id}
            className="w-64"
            rows={2}
            placeholder={labels.domainsPlaceholder}
            value={String(value)}
            aria-invalid={Boolean(error)}
            aria-describedby={describedBy}
            onChange={(event) => onChange(event.target.value)}
          />
        )
    }
  })()

  return (
    <div
      className="flex items-start justify-between gap-x-8 px-6 py-4"
      data-setting={field.key}
    >
      <div className="flex max-w-[560px] flex-col gap-y-1">
        <Label htmlFor={id} size="small" weight="plus">
          {field.label}
        </Label>
        <Hint id={describedBy}>{field.description}</Hint>
      </div>
      <div className="flex shrink-0 flex-col items-end gap-y-1">
        {control}
        {error && <Hint variant="error">{error}</Hint>}
      </div>
    </div>
  )
}

/** Settings › Customer credentials: every store-wide setting, one form. */
const CustomerCredentialSettingsPage = () => {
  const { data, isPending, isError, error } = useCredentialSettings()
  const update = useUpdateCredentialSettings()
  const prompt = usePrompt()

  const settings = data?.credential_settings
  const sections = useMemo(
    () => (settings ? visibleSections(settingsSections, settings) : []),
    [settings]
  )
  const initial = useMemo(
    () => (settings ? initialValues(sections, settings) : {}),
    [sections, settings]
  )
  const [values, setValues] = useState<FormValues>({})
  const [showErrors, setShowErrors] = useState(false)

  useEffect(() => {
    setValues(initial)
    setShowErrors(false)
  }, [initial])

  const errors = fieldErrors(sections, values)
  const patch = changedSettings(sections, initial, values)
  const dirty = Object.keys(patch).length > 0

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (Object.keys(errors).length) {
      setShowErrors(true)
      toast.error(labels.invalid)
      return
    }
    try {
      await update.mutateAsync(patch)
      toast.success(labels.saved)
    } catch (failure) {
      toast.error(errorMessage(failure, labels.failed))
    }
  }

  const resetAll = async () => {
    const confirmed = await prompt({
      title: labels.resetPrompt.title,
      description: labels.resetPrompt.description,
      confirmText: labels.resetPrompt.confirm,
      cancelText: labels.resetPrompt.cancel,
    })
    if (!confirmed) {
      return
    }
    try {
      await update.mutateAsync(resetSettings(sections))
      toast.success(labels.resetDone)
    } catch (failure) {
      toast.error(errorMessage(failure, labels.failed))
    }
  }

  return (
    <form
      onSubmit={submit}
      className="flex flex-col gap-y-3"
      noValidate
      data-testid="credential-settings"
    >
      <Container className="flex items-start justify-between gap-x-4 px-6 py-4">
        <div className="flex flex-col gap-y-1">
          <Heading>{labels.title}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {labels.description}
          </Text>
        </div>
        {settings && (
          <ActionMenu
            label={labels.menu}
            groups={[
              {
                actions: [
                  {
                    label: labels.resetDefaults,
                    icon: <ArrowPath />,
                    onClick: resetAll,
                  },
                ],
              },
            ]}
          />
        )}
      </Container>

      {isPending ? (
        <Container className="flex flex-col gap-y-3 px-6 py-4">
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-4 w-2/3" />
        </Container>
      ) : isError ? (
        <Container className="px-6 py-4">
          <Text size="small" className="text-ui-fg-error">
            {errorMessage(error, labels.loadError)}
          </Text>
        </Container>
      ) : (
        <>
          {sections.map((section) => (
            <Container
              key={section.id}
              className="divide-y p-0"
              data-section={section.id}
            >
              <div className="flex flex-col gap-y-1 px-6 py-4">
                <Heading level="h2">{section.title}</Heading>
                <Text size="small" className="text-ui-fg-subtle">
                  {section.description}
                </Text>
              </div>
              {section.fields.map((field) => (
                <SettingControl
                  key={field.key}
                  field={field}
                  value={values[field.key] ?? initial[field.key]}
                  error={
                    showErrors || values[field.key] !== initial[field.key]
                      ? errors[field.key]
                      : undefined
                  }
                  onChange={(value) =>
                    setValues((current) => ({ ...current, [field.key]: value }))
                  }
                />
              ))}
            </Container>
          ))}
          <Container className="flex items-center justify-end gap-x-2 px-6 py-4">
            <Button
              size="small"
              variant="secondary"
              type="button"
              disabled={!dirty || update.isPending}
              onClick={() => {
                setValues(initial)
                setShowErrors(false)
              }}
            >
              {labels.discard}
            </Button>
            <Button
              size="small"
              type="submit"
              disabled={!dirty}
              isLoading={update.isPending}
            >
              {labels.save}
            </Button>
          </Container>
        </>
      )}
    </form>
  )
}

export const config = defineRouteConfig({
  label: "Customer credentials",
})

export default CustomerCredentialSettingsPage
