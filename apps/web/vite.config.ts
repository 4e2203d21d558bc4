import { defineConfig } from 'vite';

/**
 * No @vitejs/plugin-react (its peer dependencies conflict with jest's babel): Vite 8 compiles JSX
 * itself with oxc. No fast refresh, then: a change reloads the page in `vite dev`.
 */
export default defineConfig({
  root: __dirname,
  base: '/',
  // DSFR's CSS, fonts, icons and favicons, copied there by `copy-dsfr-to-public` at each build: under
  // dist/, never committed, never linted.
  publicDir: '../../dist/web-public',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // .vite/manifest.json: which chunks each page loads, for scripts/page-js-sizes.js.
    manifest: true,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      // Libraries' "use client" directives mean nothing outside React Server Components.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    // `npm start` in another terminal: the dev server forwards the API's routes to it.
    proxy: Object.fromEntries(
      ['/api', '/auth', '/oidc', '/docs'].map((path) => [path, 'http://127.0.0.1:3000']),
    ),
  },
});
