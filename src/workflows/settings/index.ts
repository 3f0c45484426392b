export * from "./update-credential-settings"
export * from "./steps/save-credential-settings"
