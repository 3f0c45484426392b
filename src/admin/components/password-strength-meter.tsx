import { clx, Text } from "@medusajs/ui"
import type { StrengthScore } from "../lib/password-strength"

const BAR_COLORS: Record<StrengthScore, string> = {
  0: "bg-ui-tag-red-icon",
  1: "bg-ui-tag-orange-icon",
  2: "bg-ui-tag-orange-icon",
  3: "bg-ui-tag-green-icon",
  4: "bg-ui-tag-green-icon",
}

/** Five bars and a word: weak, acceptable, average, strong, excellent. */
export const PasswordStrengthMeter = ({
  score,
  ready,
  labels,
}: {
  score: StrengthScore | null
  ready: boolean
  labels: {
    strength: string
    levels: string[]
    pending: string
    /** Under the meter: the recommended (and required) strength. */
    hint?: string
  }
}) => {
  const level = score === null ? null : labels.levels[score]
  return (
    <div className="flex flex-col gap-y-1.5" data-testid="password-strength">
      <div
        className="grid grid-cols-5 gap-x-1"
        role="meter"
        aria-label={labels.strength}
        aria-valuemin={0}
        aria-valuemax={4}
        aria-valuenow={score ?? 0}
        aria-valuetext={level ?? undefined}
      >
        {[0, 1, 2, 3, 4].map((bar) => (
          <div
            key={bar}
            className={clx(
              "h-1 rounded-full",
              score !== null && bar <= score
                ? BAR_COLORS[score]
                : "bg-ui-bg-switch-off"
            )}
          />
        ))}
      </div>
      <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
        {labels.strength}:{" "}
        <span data-testid="password-strength-level">
          {level ?? (ready ? labels.levels[0] : labels.pending)}
        </span>
      </Text>
      {labels.hint && (
        <Text
          size="xsmall"
          leading="compact"
          className="text-ui-fg-muted"
          data-testid="password-strength-hint"
        >
          {labels.hint}
        </Text>
      )}
    </div>
  )
}
