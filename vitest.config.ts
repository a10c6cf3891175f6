import { defineConfig } from 'vitest/config';

// Unit tests sit next to the code; end-to-end tests live in test/. Servers started by tests bind
// to loopback only, and e2e files run one at a time so two aimock/prism instances never race.
export default defineConfig({
  test: {
    include: ['harness/**/*.test.ts', 'scenarios/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    env: { FIELDWORK_TEST: '1' },
  },
});
