import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**', 'dist/**'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
    env: { TZ: 'UTC' },
    // Each test file gets its own database copied from a migrated template (see test/db.ts).
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
