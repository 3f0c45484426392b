import { Skeleton, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { errorMessage } from "../lib/errors"

/**
 * A section's list while it loads, fails or is empty, laid out like the
 * core admin's; the list itself otherwise.
 */
export const ListState = ({
  isPending,
  isError,
  error,
  isEmpty,
  labels,
  children,
}: {
  isPending: boolean
  isError: boolean
  error: unknown
  isEmpty: boolean
  labels: { loadError: string; empty: string }
  children: ReactNode
}) => {
  if (isPending) {
    return (
      <div className="flex flex-col gap-y-3 px-6 py-4">
        <Skeleton className="h-4 w-full" />
        <Skeleton className="h-4 w-1/2" />
      </div>
    )
  }
  if (isError || isEmpty) {
    return (
      <div className="px-6 py-4">
        <Text
          size="small"
          className={isError ? "text-ui-fg-error" : "text-ui-fg-muted"}
        >
          {isError ? errorMessage(error, labels.loadError) : labels.empty}
        </Text>
      </div>
    )
  }
  return <>{children}</>
}
