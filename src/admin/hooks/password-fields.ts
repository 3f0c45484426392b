import { useEffect, useState } from "react"
import type { CredentialSettings } from "../lib/types"
import { usePasswordStrength } from "./password-strength"

/**
 * The state of the admin's password fields (password, confirmation,
 * Temporary password, Email confirmed) and what follows from it: the
 * confirmation differs, every entered password is temporary (the ticket
 * delay is above 0), the live strength. Closing the drawer empties them.
 */
export const usePasswordFields = ({
  settings,
  userInputs,
  open,
  shown = open,
}: {
  /** The settings in force (undefined while they load). */
  settings: CredentialSettings | undefined
  /** Email and names: they score as guessable. */
  userInputs: string[]
  /** The drawer is open; closing it empties the fields. */
  open: boolean
  /** The fields are on screen: the strength estimator loads then. */
  shown?: boolean
}) => {
  const [password, setPassword] = useState("")
  const [confirm, setConfirm] = useState("")
  const [temporary, setTemporary] = useState(false)
  const [emailConfirmed, setEmailConfirmed] = useState(false)

  useEffect(() => {
    if (!open) {
      setPassword("")
      setConfirm("")
      setTemporary(false)
      setEmailConfirmed(false)
    }
  }, [open])

  const strength = usePasswordStrength(password, userInputs, shown)
  const forcedTemporary =
    (settings?.password_ticket_expiration_minutes ?? 0) > 0

  return {
    password,
    setPassword,
    confirm,
    setConfirm,
    /** What is sent: forced on while the ticket delay is above 0. */
    temporary: forcedTemporary || temporary,
    forcedTemporary,
    setTemporary,
    emailConfirmed,
    setEmailConfirmed,
    mismatch: confirm.length > 0 && confirm !== password,
    strength,
  }
}

export type PasswordFieldsState = ReturnType<typeof usePasswordFields>
