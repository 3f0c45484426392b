import { Context, InferEntityType } from "@medusajs/framework/types"
import {
  InjectManager,
  MedusaContext,
  MedusaService,
} from "@medusajs/framework/utils"
import { CustomerCredential } from "./models"

type CustomerCredentialDTO = InferEntityType<typeof CustomerCredential>

export default class CredentialsModuleService extends MedusaService({
  CustomerCredential,
}) {
  /**
   * Returns the customer's credential row, creating it with the defaults when
   * the customer has none yet. Safe under concurrency: a unique index on
   * customer_id turns a lost race into a re-read instead of a duplicate row.
   *
   * Returns the row and whether this call created it, so a workflow step can
   * compensate exactly what it wrote.
   */
  @InjectManager()
  async ensureCustomerCredential(
    customerId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ credential: CustomerCredentialDTO; created: boolean }> {
    const [existing] = await this.listCustomerCredentials(
      { customer_id: customerId },
      { take: 1 },
      sharedContext
    )
    if (existing) {
      return { credential: existing, created: false }
    }

    try {
      const credential = await this.createCustomerCredentials(
        { customer_id: customerId },
        sharedContext
      )
      return { credential, created: true }
    } catch (error) {
      const [raced] = await this.listCustomerCredentials(
        { customer_id: customerId },
        { take: 1 },
        sharedContext
      )
      if (raced) {
        return { credential: raced, created: false }
      }
      throw error
    }
  }
}
