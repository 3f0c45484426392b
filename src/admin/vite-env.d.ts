/// <reference types="vite/client" />

/**
 * The backend URL the admin bundler defines for every extension (the host
 * store's `admin.backendUrl`). Medusa's docs use it in plugins because a
 * plugin's `import.meta.env` is fixed when the plugin is built.
 */
declare const __BACKEND_URL__: string | undefined
