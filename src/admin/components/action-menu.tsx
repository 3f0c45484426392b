import { EllipsisHorizontal } from "@medusajs/icons"
import { clx, DropdownMenu, IconButton, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { Link } from "react-router-dom"

export type Action = {
  label: string
  icon: ReactNode
  disabled?: boolean
  /** Shown under a disabled action: why, and what to do instead. */
  hint?: string
} & ({ onClick: () => void; to?: never } | { to: string; onClick?: never })

export type ActionGroup = { actions: Action[] }

const itemClass = (disabled?: boolean) =>
  clx("[&_svg]:text-ui-fg-subtle flex items-start gap-x-2", {
    "[&_svg]:text-ui-fg-disabled": disabled,
  })

const ItemContent = ({ action }: { action: Action }) => (
  <>
    <span className="mt-0.5">{action.icon}</span>
    <span className="flex flex-col">
      <span>{action.label}</span>
      {action.disabled && action.hint && (
        <Text size="xsmall" leading="compact" className="text-ui-fg-muted">
          {action.hint}
        </Text>
      )}
    </span>
  </>
)

/** The "…" menu of a section header, as the core admin's sections have. */
export const ActionMenu = ({
  groups,
  label,
}: {
  groups: ActionGroup[]
  label: string
}) => {
  const visible = groups.filter((group) => group.actions.length)
  return (
    <DropdownMenu>
      <DropdownMenu.Trigger asChild>
        <IconButton size="small" variant="transparent" aria-label={label}>
          <EllipsisHorizontal />
        </IconButton>
      </DropdownMenu.Trigger>
      <DropdownMenu.Content align="end" className="max-w-[320px]">
        {visible.map((group, index) => (
          <DropdownMenu.Group key={index}>
            {group.actions.map((action) =>
              action.to !== undefined ? (
                <DropdownMenu.Item
                  key={action.label}
                  asChild
                  disabled={action.disabled}
                  className={itemClass(action.disabled)}
                >
                  <Link to={action.to}>
                    <ItemContent action={action} />
                  </Link>
                </DropdownMenu.Item>
              ) : (
                <DropdownMenu.Item
                  key={action.label}
                  disabled={action.disabled}
                  onClick={(event) => {
                    event.stopPropagation()
                    action.onClick()
                  }}
                  className={itemClass(action.disabled)}
                >
                  <ItemContent action={action} />
                </DropdownMenu.Item>
              )
            )}
            {index < visible.length - 1 && <DropdownMenu.Separator />}
          </DropdownMenu.Group>
        ))}
      </DropdownMenu.Content>
    </DropdownMenu>
  )
}
