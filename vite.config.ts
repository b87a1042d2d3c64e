import solid from 'vite-plugin-solid';
import { defineConfig } from 'vitest/config';

// One config for the web app (client/) and for vitest across the four folders.
export default defineConfig({
  root: 'client',
  publicDir: 'public',
  plugins: [solid()],
  build: { outDir: '../dist/client', emptyOutDir: true, target: 'es2022' },
  server: { proxy: { '/api': 'http://127.0.0.1:4321' } },
  test: {
    root: '.',
    include: ['{domain,sync,client,hardware-bridge,scripts,bench}/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
