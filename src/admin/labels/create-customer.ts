/** Texts of "Create customer with login" (customers list) and the order page's guest card, in one place for translation. */
export const createCustomerLabels = {
  open: "Create customer with login",
  title: "Create customer with login",
  description:
    "Creates the customer and their login in one step. If the email cannot be sent, nothing is created.",
  email: "Email",
  firstName: "First name",
  lastName: "Last name",
  company: "Company",
  phone: "Phone",
  optional: "Optional",
  login: "Login",
  modes: {
    generate: {
      label: "Generate and send credentials",
      description:
        "A random temporary password goes to the customer by email; nobody else sees it.",
    },
    password: {
      label: "Enter a password",
      description:
        "You type the password; the customer gets no password by email.",
    },
    passwordOff: {
      label: "Enter a password",
      description:
        "Turned off: turn on Allow Manual Entry in the credential settings to offer it.",
    },
    activation: {
      label: "Send activation email",
      description:
        "The customer gets a link to choose their own password and confirm their email.",
    },
    none: {
      label: "No login",
      description:
        "Only the customer, as Create customer does. You can create the login later on their page.",
    },
  } as Record<string, { label: string; description: string }>,
  leaveEmpty: "Leave empty to not create a login.",
  cancel: "Cancel",
  create: "Create customer",
  created: (email: string) => `Customer ${email} created`,
  createdWithLogin: (email: string) => `Customer ${email} created with a login`,
  createdWithEmail: (email: string) =>
    `Customer ${email} created; the email is on its way`,
  failed: "The customer could not be created.",
  required: "Required",
  invalidEmail: "Enter a valid email address.",
  openExisting: "Open the existing customer",
  settingsLoadError: "The credential settings could not be loaded.",

  /** The order page: a guest's order. */
  guest: {
    title: "Customer login",
    noLogin: "This guest has no login.",
    hint: "Create one so they can sign in, see this order and reorder.",
    createLogin: "Create login",
    generate: "Generate and send credentials",
    enterPassword: "Enter a password",
    sendActivation: "Send activation email",
    generated: (email: string) => `Credentials sent to ${email}`,
    activationSent: (email: string) => `Activation email sent to ${email}`,
    noEmail: "This order's customer has no email: a login needs one.",
    loadError: "The customer's login could not be loaded.",
    failed: "That did not work.",
    openCustomer: "Open customer",
  },
}
