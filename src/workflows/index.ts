export * from "./get-customer-credentials"
export * from "./steps"
