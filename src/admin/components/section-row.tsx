import { Text } from "@medusajs/ui"
import type { ReactNode } from "react"

/** A key/value row of a section, laid out like the core admin's. */
export const SectionRow = ({
  label,
  children,
  testId,
}: {
  label: string
  children: ReactNode
  testId?: string
}) => (
  <div
    className="text-ui-fg-subtle grid grid-cols-2 items-center px-6 py-4"
    data-testid={testId}
  >
    <Text size="small" leading="compact" weight="plus">
      {label}
    </Text>
    {typeof children === "string" || typeof children === "number" ? (
      <Text size="small" leading="compact">
        {children}
      </Text>
    ) : (
      <div className="flex items-center gap-x-2">{children}</div>
    )}
  </div>
)
