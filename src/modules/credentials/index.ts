import { Module } from "@medusajs/framework/utils"
import chooseRateLimitStore from "./loaders/rate-limit-store"
import CredentialsModuleService from "./service"

export const CREDENTIALS_MODULE = "credentials"

export default Module(CREDENTIALS_MODULE, {
  service: CredentialsModuleService,
  loaders: [chooseRateLimitStore],
})
