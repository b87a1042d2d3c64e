import solid from 'vite-plugin-solid';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Two projects: Node code (domain, sync, hardware-bridge, scripts, bench) runs without the Solid
 * plugin, which would start workers with the `browser` export condition (ws and other Node
 * packages would resolve to browser stubs); the web app's tests run with it, in jsdom.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        test: {
          name: 'node',
          root: '.',
          include: ['{domain,sync,hardware-bridge,scripts,bench}/**/*.test.ts'],
          // Test helpers that use test packages (the import rules let only *.test.ts do that) but hold no tests.
          exclude: [...configDefaults.exclude, '**/*.support.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        plugins: [solid()],
        test: {
          name: 'client',
          root: '.',
          include: ['client/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
