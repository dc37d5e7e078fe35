/**
 * The real desktop app through Playwright's Electron driver: the window opens on the console and
 * the embedded broker runs. Skipped where Electron's binary is not installed (its download can
 * fail; `require('electron')` then throws) or the app is not built (`npm run build`). Where it is
 * skipped, the shell tier (electron/shell-test/) still checks the built main and preload bundles
 * under Node with a stand-in `electron`; this spec is what proves the real window.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bridgeShapeOf, expectedBridgeShape } from '../../electron/shell-test/bridge-shape';
import { StatusPage } from '../pages/status-page';

const repoRoot = join(import.meta.dirname, '../..');

function electronBinary(): string | null {
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();

test.skip(binary === null, 'Electron binary not installed');

test('opens the console window with the embedded broker running', async () => {
  test.skip(!existsSync(join(repoRoot, 'dist/main/index.js')), 'Electron app not built: run `npm run build`');

  // Arrange
  const dataDir = mkdtempSync(join(tmpdir(), 'eddy-electron-'));
  const chromiumSwitches = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const app = await electron.launch({
    executablePath: binary ?? undefined,
    args: [...chromiumSwitches, repoRoot, '--data-dir', dataDir, '--port', '0'],
  });

  try {
    // Act
    const window = await app.firstWindow();
    const status = new StatusPage(window);

    // Assert
    await status.expectState('running');
    await expect(status.address).toHaveText(/^localhost:\d+$/);
    await expect(status.dataDir).toHaveText(dataDir);
    // window.api is exactly the contract: its domains' methods and `on`, nothing else.
    const exposed = await window.evaluate(`(${bridgeShapeOf.toString()})(window.api)`);
    expect(exposed).toEqual(expectedBridgeShape());
  } finally {
    // Cleanup
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
