import type { z } from "@medusajs/framework/zod"
import { settingsPatchSchema } from "../../../modules/credentials/settings-schema"

/** Any subset of the settings; `null` hands a setting back to the plugin options. */
export const AdminUpdateCredentialSettings = settingsPatchSchema

export type AdminUpdateCredentialSettingsType = z.infer<
  typeof AdminUpdateCredentialSettings
>
