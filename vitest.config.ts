// Three Vitest tiers (see shared/docs/architecture.md, "Tests"):
// unit: pure logic next to the code; integration: real TCP and real Kafka clients;
// shell: the built Electron main and preload bundles under Node with a stand-in `electron`.
import { defineConfig } from 'vitest/config';

const integration = ['broker-core/test/**/*.test.ts', 'electron/host/test/**/*.test.ts', 'electron/serve/test/**/*.test.ts'];
const shell = ['electron/shell-test/**/*.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['broker-core/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'tools/**/*.test.ts'],
          exclude: ['**/node_modules/**', ...integration, ...shell],
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          include: integration,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Real clients and brokers per file; two cores here, so keep parallelism modest.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'shell',
          include: shell,
          // Builds dist/ when it is missing or stale, and hands the tests a private copy of it.
          globalSetup: ['electron/shell-test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          maxWorkers: 2,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
