import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { precacheWorkers } from './scripts/vite-precache.ts';

// The web app (client/). Tests are configured in vitest.config.ts.
export default defineConfig({
  root: 'client',
  publicDir: 'public',
  plugins: [solid(), precacheWorkers()],
  build: { outDir: '../dist/client', emptyOutDir: true, target: 'es2022' },
  server: { proxy: { '/api': 'http://127.0.0.1:4321' } },
});
