export { CustomerCredential } from "./customer-credential"
