import { CheckCircleSolid, XCircle } from "@medusajs/icons"
import { clx, Text } from "@medusajs/ui"
import {
  checkPasswordRules,
  type PasswordPolicyRules,
} from "../../modules/credentials/utils/password-policy"

const sentence = (message: string) =>
  message.charAt(0).toUpperCase() + message.slice(1)

/**
 * The store's password rules, ticked live. The rules and their messages come
 * from the same pure function the server checks passwords with.
 */
export const PasswordPolicyChecklist = ({
  password,
  policy,
  labels,
}: {
  password: string
  policy: PasswordPolicyRules
  labels: { title: string; met: string; unmet: string }
}) => (
  <div className="flex flex-col gap-y-2">
    <Text size="small" leading="compact" weight="plus">
      {labels.title}
    </Text>
    <ul className="flex flex-col gap-y-1.5" data-testid="password-policy">
      {checkPasswordRules(password, policy).map((rule) => (
        <li
          key={rule.rule}
          className="flex items-center gap-x-2"
          data-rule={rule.rule}
          data-met={rule.met}
        >
          {rule.met ? (
            <CheckCircleSolid className="text-ui-tag-green-icon" />
          ) : (
            <XCircle className="text-ui-fg-muted" />
          )}
          <Text
            size="small"
            leading="compact"
            className={clx(rule.met ? "text-ui-fg-subtle" : "text-ui-fg-base")}
          >
            {sentence(rule.message)}
            <span className="sr-only">
              {" "}
              ({rule.met ? labels.met : labels.unmet})
            </span>
          </Text>
        </li>
      ))}
    </ul>
  </div>
)
