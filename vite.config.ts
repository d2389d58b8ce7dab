/**
 * Vite builds the web app (src/web → dist/web, served by the Fastify server). In development,
 * `vite` serves the app and forwards /api to the server on port 3000, so the browser sees one
 * origin and the session cookie just works. Unit tests are configured in vitest.config.ts.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    // The output lies outside the Vite root: Vite only empties it when told to.
    emptyOutDir: true,
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
