import type { MedusaContainer } from "@medusajs/framework/types"
import { createApiKeysWorkflow } from "@medusajs/medusa/core-flows"

/** A publishable API key: every /store route wants one. */
export const createPublishableKeyHeader = async (
  container: MedusaContainer
): Promise<Record<string, string>> => {
  const { result } = await createApiKeysWorkflow(container).run({
    input: {
      api_keys: [
        { title: "Test storefront", type: "publishable", created_by: "" },
      ],
    },
  })
  return { "x-publishable-api-key": result[0].token }
}
