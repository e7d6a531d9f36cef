import { defineConfig } from 'vitest/config';

// One config for the viz app (vite) and the test runner (vitest).
export default defineConfig({
  root: '.',
  build: { outDir: 'dist/viz', emptyOutDir: true, rollupOptions: { input: 'viz/index.html' } },
  worker: { format: 'es' },
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    setupFiles: ['tests/setup.ts'],
  },
});
