import { z } from "@medusajs/framework/zod"
import { MAX_PASSWORD_LENGTH } from "../../../../modules/credentials/utils/password-policy"

const name = z.string().trim().min(1).max(255)

/** The login "Create customer with login" makes with the customer. */
const NewCustomerLogin = z.discriminatedUnion("mode", [
  /** Generate and send credentials: the password goes only into the email. */
  z.object({ mode: z.literal("generate") }).strict(),
  /** Enter a password (needs Allow Manual Entry): the policy applies. */
  z
    .object({
      mode: z.literal("password"),
      password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
      confirm_password: z.string().max(MAX_PASSWORD_LENGTH),
      temporary: z.boolean().optional(),
      /** The admin vouches for the email (else a confirmation link is sent). */
      email_confirmed: z.boolean().optional(),
    })
    .strict(),
  /** Send activation email: the customer chooses the password. */
  z.object({ mode: z.literal("activation") }).strict(),
  /** No login: the customer only (what core's Create customer does). */
  z.object({ mode: z.literal("none") }).strict(),
])

export const AdminCreateCustomerWithLogin = z
  .object({
    email: z.string().trim().email().max(255),
    first_name: name,
    last_name: name,
    company_name: z.string().trim().max(255).nullish(),
    phone: z.string().trim().max(50).nullish(),
    login: NewCustomerLogin,
  })
  .strict()

export type AdminCreateCustomerWithLoginType = z.infer<
  typeof AdminCreateCustomerWithLogin
>
