import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: `${repo}dist/staff-web`,
    emptyOutDir: true,
    // Every script is a file of its own: the server's CSP allows `script-src 'self'` only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    // Mermaid's own chunks are large but load only on /werkwijze; scripts/size.mjs checks the first load.
    chunkSizeWarningLimit: 700,
  },
  server: { proxy: { '/v1': 'http://localhost:3000', '/staff-web': 'http://localhost:3000' } },
  test: {
    root,
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
    css: false,
  },
});
