export { CredentialEvent } from "./credential-event"
export { CredentialSettings } from "./credential-settings"
export { CustomerCredential } from "./customer-credential"
export { CustomerReference } from "./customer-reference"
