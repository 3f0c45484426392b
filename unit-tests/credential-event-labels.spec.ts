/**
 * The admin's audit trail names every action the server writes. The list is
 * CREDENTIAL_EVENT_ACTIONS (src/modules/credentials/event-actions.ts): every
 * writer takes a CredentialEventAction, so tsc refuses an action outside it,
 * and this spec refuses an action in it without a readable label.
 */
import {
  credentialEventSubject,
  describeCredentialEvent,
} from "../src/admin/lib/credential-events"
import { CREDENTIAL_EVENT_ACTIONS } from "../src/modules/credentials/event-actions"

/** A readable label: words, not a stored code. */
const expectReadable = (label: string, action: string) => {
  expect(label).not.toBe(action)
  expect(label).not.toMatch(/_/)
  expect(label).toMatch(/^[A-Z]/)
}

describe("the admin's audit trail labels", () => {
  it.each([...CREDENTIAL_EVENT_ACTIONS])("names %s in words", (action) => {
    const label = describeCredentialEvent({ action, metadata: null })
    expectReadable(label, action)
    expect(label).not.toBe("Other login activity")
  })

  it("gives every action its own label", () => {
    const labels = CREDENTIAL_EVENT_ACTIONS.map((action) =>
      describeCredentialEvent({ action, metadata: null })
    )
    expect(new Set(labels).size).toBe(labels.length)
  })

  it("names the B2B reference events as the admin reads them", () => {
    expect(
      describeCredentialEvent({ action: "reference_added", metadata: null })
    ).toBe("Login added to this account")
    expect(
      describeCredentialEvent({ action: "reference_updated", metadata: null })
    ).toBe("Login's rights for this account changed")
    expect(
      describeCredentialEvent({ action: "reference_removed", metadata: null })
    ).toBe("Login removed from this account")
    expect(
      credentialEventSubject({
        action: "reference_added",
        metadata: { email: "buyer@acme.example" },
      })
    ).toBe("buyer@acme.example")
    expect(
      credentialEventSubject({
        action: "signed_in",
        metadata: { email: "buyer@acme.example" },
      })
    ).toBeNull()
  })

  it("names a reference's credential actions, with the person they were for", () => {
    expect(
      describeCredentialEvent({
        action: "reference_password_set",
        metadata: { temporary: true, email: "buyer@acme.example" },
      })
    ).toBe("Password entered for a login of this account (temporary)")
    expect(
      describeCredentialEvent({
        action: "reference_activation_sent",
        metadata: null,
      })
    ).toBe("Activation email sent to a login of this account")
    for (const action of [
      "reference_password_set",
      "reference_credentials_generated",
      "reference_password_reset_requested",
      "reference_activation_sent",
    ] as const) {
      expect(
        credentialEventSubject({
          action,
          metadata: { email: "buyer@acme.example", reference_id: "cref_1" },
        })
      ).toBe("buyer@acme.example")
    }
  })

  it("says which login an admin chose when creating the customer", () => {
    expect(
      describeCredentialEvent({
        action: "customer_created",
        metadata: { login: "activation" },
      })
    ).toBe("Customer created by an admin (activation email sent)")
    expect(
      describeCredentialEvent({
        action: "customer_created",
        metadata: { login: "generate" },
      })
    ).toBe("Customer created by an admin (credentials generated and sent)")
    expect(
      describeCredentialEvent({
        action: "customer_created",
        metadata: { login: "something_new" },
      })
    ).toBe("Customer created by an admin")
  })

  it("says when turning Email confirmed off sent a link, and marks temporary passwords", () => {
    expect(
      describeCredentialEvent({
        action: "email_unconfirmed",
        metadata: { link_sent: true },
      })
    ).toBe("Email marked as not confirmed, confirmation link sent")
    expect(
      describeCredentialEvent({
        action: "email_unconfirmed",
        metadata: { link_sent: false },
      })
    ).toBe("Email marked as not confirmed")
    expect(
      describeCredentialEvent({
        action: "credentials_generated",
        metadata: { temporary: true },
      })
    ).toBe("Credentials generated and sent (temporary)")
  })

  it.each(["some_future_action", "constructor", "toString", ""])(
    "never shows a stored code it has no label for (%j)",
    (action) => {
      expect(describeCredentialEvent({ action, metadata: null })).toBe(
        "Other login activity"
      )
    }
  )
})
