export * from "./sign-in-customer"
export * from "./types"
