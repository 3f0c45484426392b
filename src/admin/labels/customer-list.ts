/** Texts of the customers list widget, in one place for translation. */
export const customerListLabels = {
  title: "Customer logins",
  registered: (count: number) => `${count} registered`,
  notRegistered: (count: number) => `${count} without a login`,
  showRegistered: "Show registered",
  showNotRegistered: "Show without a login",
  hint: "Login state (turned off, locked, temporary password) is on each customer's page.",
  loadError: "The counts could not be loaded.",
}
