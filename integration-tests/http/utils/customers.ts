import type {
  CreateCustomerDTO,
  MedusaContainer,
} from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

export const createCustomer = async (
  container: MedusaContainer,
  data: { email: string; first_name?: string; last_name?: string }
) => container.resolve(Modules.CUSTOMER).createCustomers(data)

/** A customer with a password login, made the way core's registration makes it. */
export const createRegisteredCustomer = async (
  container: MedusaContainer,
  data: { email: string; password: string; first_name?: string }
) => {
  const auth = container.resolve(Modules.AUTH)
  const customers = container.resolve(Modules.CUSTOMER)
  const customer = await customers.createCustomers({
    email: data.email,
    first_name: data.first_name,
    has_account: true,
  } as CreateCustomerDTO)
  const { authIdentity } = await auth.register("emailpass", {
    body: { email: data.email, password: data.password },
  } as never)
  await auth.updateAuthIdentities({
    id: authIdentity!.id,
    app_metadata: { customer_id: customer.id },
  })
  return customer
}
