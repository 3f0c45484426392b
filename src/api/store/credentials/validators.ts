import { z } from "@medusajs/framework/zod"
import { MAX_PASSWORD_LENGTH } from "../../../modules/credentials/utils/password-policy"

const password = z.string().min(1).max(MAX_PASSWORD_LENGTH)
const email = z.string().trim().toLowerCase().pipe(z.email().max(320))

export const StoreSignIn = z
  .object({
    /** An email address or a customer number. */
    identifier: z.string().trim().min(1).max(320),
    password,
  })
  .strict()
export type StoreSignInType = z.infer<typeof StoreSignIn>

/** The body of Medusa's own `POST /auth/customer/emailpass`. */
export const StockEmailpassSignIn = z.object({
  email: z.string().trim().min(1).max(320),
  password,
})
export type StockEmailpassSignInType = z.infer<typeof StockEmailpassSignIn>

export const StoreRegister = z
  .object({
    email,
    password,
    first_name: z.string().trim().min(1).max(100),
    last_name: z.string().trim().min(1).max(100),
  })
  .strict()
export type StoreRegisterType = z.infer<typeof StoreRegister>

export const StoreActivate = z
  .object({
    token: z.string().min(1).max(4096),
    password: password.optional(),
  })
  .strict()
export type StoreActivateType = z.infer<typeof StoreActivate>

export const StoreResendActivation = z.object({ email }).strict()
export type StoreResendActivationType = z.infer<typeof StoreResendActivation>

export const StoreChangePassword = z
  .object({
    current_password: password,
    new_password: password,
  })
  .strict()
export type StoreChangePasswordType = z.infer<typeof StoreChangePassword>

/** "Sign in with my email too": the current password and a new one. */
export const StoreEnableEmailSignIn = z
  .object({
    current_password: password,
    new_password: password,
  })
  .strict()
export type StoreEnableEmailSignInType = z.infer<typeof StoreEnableEmailSignIn>

export const StoreChooseAccount = z
  .object({ customer_id: z.string().min(1).max(100) })
  .strict()
export type StoreChooseAccountType = z.infer<typeof StoreChooseAccount>

/** `POST /store/credentials/sso/complete` takes no body: the token says who. */
export const StoreCompleteSso = z.object({}).strict()
export type StoreCompleteSsoType = z.infer<typeof StoreCompleteSso>

/** `POST /store/credentials/sso/logout` takes no body. */
export const StoreSsoLogout = z.object({}).strict()

/** `POST /store/credentials/sign-out-everywhere` takes no body. */
export const StoreSignOutEverywhere = z.object({}).strict()
