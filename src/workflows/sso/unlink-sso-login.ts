import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { setAuthAppMetadataStep } from "@medusajs/medusa/core-flows"
import { endLoginSessionsStep } from "../shared/steps/end-login-sessions"
import { findLinkedSsoLoginStep } from "./steps/find-linked-sso-login"
import {
  recordCredentialEventsStep,
  type CredentialActor,
} from "../shared/steps/record-credential-event"

export type UnlinkSsoLoginWorkflowInput = {
  customer_id: string
  /** The single sign-on identity to unlink from the customer. */
  auth_identity_id: string
  actor: CredentialActor
}

/**
 * The admin unlinks a single sign-on login from a customer: the identity
 * no longer signs in as the customer, its open sessions end, and the audit
 * trail records who did it. A later sign-in with that identity is a first
 * sign-in again (linked by verified email under the usual rules).
 */
export const unlinkSsoLoginWorkflow = createWorkflow(
  "unlink-sso-login",
  (input: UnlinkSsoLoginWorkflowInput) => {
    const login = findLinkedSsoLoginStep(input)
    setAuthAppMetadataStep(
      transform({ input }, ({ input }) => ({
        authIdentityId: input.auth_identity_id,
        actorType: "customer",
        value: null,
      }))
    )
    endLoginSessionsStep(
      transform({ input }, ({ input }) => ({
        auth_identity_ids: [input.auth_identity_id],
      }))
    )
    recordCredentialEventsStep(
      transform({ input, login }, ({ input, login }) => [
        {
          customer_id: input.customer_id,
          action: "sso_unlinked" as const,
          actor: input.actor,
          metadata: {
            provider: login.provider,
            auth_identity_id: input.auth_identity_id,
          },
        },
      ])
    )
    return new WorkflowResponse(login)
  }
)
