import { defineConfig } from "astro/config";

/**
 * A static site: CloudFront serves `dist` as files and every page fetches the API from
 * the browser. The production policy is `default-src 'self'; script-src 'self'`, so
 * nothing may be inlined: no `<script>` bodies, no `<style>` blocks, no `data:` URLs.
 */
export default defineConfig({
  output: "static",
  // Pages are folders (`/security/index.html`); links always end in a slash so the CDN
  // serves them without a rewrite.
  trailingSlash: "always",
  build: {
    format: "directory",
    // An inline <style> would be blocked by the policy (no 'unsafe-inline' for styles).
    inlineStylesheets: "never",
  },
  devToolbar: { enabled: false },
  vite: {
    build: {
      // Astro inlines script chunks below this size into the page as <script> bodies,
      // and Vite turns small assets into data: URLs; both would break under the CSP.
      assetsInlineLimit: 0,
    },
  },
});
