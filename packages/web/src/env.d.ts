/// <reference types="astro/client" />

interface ImportMetaEnv {
  /** Where the API lives; unset means the same origin, under `/api`. */
  readonly PUBLIC_API_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
