import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import type { AxiosInstance } from "axios"

export const ADMIN_EMAIL = "admin@credentials.test"
export const ADMIN_PASSWORD = "Admin-password-1!"

/**
 * Creates an admin user with an emailpass identity and signs in through the
 * real `POST /auth/user/emailpass` route. Returns the headers to send.
 */
export const createAdminAndSignIn = async (
  container: MedusaContainer,
  api: AxiosInstance
): Promise<{ headers: Record<string, string>; userId: string }> => {
  const userModule = container.resolve(Modules.USER)
  const authModule = container.resolve(Modules.AUTH)

  const user = await userModule.createUsers({ email: ADMIN_EMAIL })
  const { authIdentity, error } = await authModule.register("emailpass", {
    body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
  } as never)
  if (error || !authIdentity) {
    throw new Error(`could not register the test admin: ${error}`)
  }
  await authModule.updateAuthIdentities({
    id: authIdentity.id,
    app_metadata: { user_id: user.id },
  })

  const { data } = await api.post("/auth/user/emailpass", {
    email: ADMIN_EMAIL,
    password: ADMIN_PASSWORD,
  })

  return {
    headers: { authorization: `Bearer ${data.token}` },
    userId: user.id,
  }
}
