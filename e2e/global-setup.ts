/**
 * Builds the renderer into dist/renderer before the specs run, so they never test a stale build.
 * Set EDDY_E2E_SKIP_BUILD=1 when the build was just made (e.g. by `npm run build`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

const repoRoot = join(import.meta.dirname, '..');

export default async function globalSetup(): Promise<void> {
  const index = join(repoRoot, 'dist/renderer/index.html');
  if (process.env.EDDY_E2E_SKIP_BUILD === '1' && existsSync(index)) return;
  await build({ configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'warn' });
  if (!existsSync(index)) throw new Error(`the renderer build did not produce ${index}`);
}
