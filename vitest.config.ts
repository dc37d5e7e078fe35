// Two Vitest tiers (see shared/docs/architecture.md, "Tests"):
// unit: pure logic next to the code; integration: real TCP and real Kafka clients.
import { defineConfig } from 'vitest/config';

const integration = ['broker-core/test/**/*.test.ts', 'electron/host/test/**/*.test.ts', 'electron/serve/test/**/*.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['broker-core/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'tools/**/*.test.ts'],
          exclude: ['**/node_modules/**', ...integration],
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
    ],
  },
});
