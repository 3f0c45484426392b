export * from "./ensure-customer-credential"
