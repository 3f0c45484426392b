import {
  CUSTOMER_PERMISSIONS,
  type CustomerPermission,
} from "../../modules/credentials/types"

type ReferenceRow = {
  id: string
  customer_id: string
  email: string
  display_name: string | null
  internet_user: boolean
  permissions: Record<string, unknown> | null
}

/** A reference over HTTP: every right spelled out (a missing one is on). */
export const formatCustomerReference = (reference: ReferenceRow) => ({
  id: reference.id,
  customer_id: reference.customer_id,
  email: reference.email,
  display_name: reference.display_name,
  internet_user: reference.internet_user,
  permissions: Object.fromEntries(
    CUSTOMER_PERMISSIONS.map((permission) => [
      permission,
      (reference.permissions?.[permission] as boolean | undefined) ?? true,
    ])
  ) as Record<CustomerPermission, boolean>,
})
