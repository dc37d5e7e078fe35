/**
 * Page object for the Broker status view. Locators are `data-testid`s only.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class StatusPage {
  readonly view: Locator;
  readonly state: Locator;
  readonly address: Locator;
  readonly copyAddress: Locator;
  readonly dataDir: Locator;
  readonly uptime: Locator;
  readonly version: Locator;
  readonly clusterId: Locator;
  readonly connectedClients: Locator;
  readonly connectionRows: Locator;
  readonly errorPanel: Locator;
  readonly errorTitle: Locator;
  readonly errorMessage: Locator;
  readonly errorHint: Locator;
  readonly hostLinkBanner: Locator;
  readonly navBroker: Locator;
  readonly navComingSoon: Locator;
  readonly stopButton: Locator;
  readonly startButton: Locator;
  readonly restartButton: Locator;
  readonly controlError: Locator;
  readonly openDataFolder: Locator;
  readonly dataFolderPath: Locator;
  readonly copyDataFolder: Locator;
  readonly connectionSettings: Locator;
  readonly connectionSettingsPopover: Locator;
  readonly connectionSettingsPreview: Locator;
  readonly copyConnectionSettings: Locator;
  readonly usePort: Locator;
  readonly usePortNote: Locator;

  constructor(readonly page: Page) {
    this.view = page.getByTestId('broker-view');
    this.state = page.getByTestId('broker-state');
    this.address = page.getByTestId('broker-address');
    this.copyAddress = page.getByTestId('copy-address');
    this.dataDir = page.getByTestId('broker-data-dir');
    this.uptime = page.getByTestId('broker-uptime');
    this.version = page.getByTestId('broker-version');
    this.clusterId = page.getByTestId('broker-cluster-id');
    this.connectedClients = page.getByTestId('connected-clients');
    this.connectionRows = page.getByTestId('connection-row');
    this.errorPanel = page.getByTestId('broker-error-panel');
    this.errorTitle = page.getByTestId('broker-error-title');
    this.errorMessage = page.getByTestId('broker-error-message');
    this.errorHint = page.getByTestId('broker-error-hint');
    this.hostLinkBanner = page.getByTestId('host-link-banner');
    this.navBroker = page.getByTestId('nav-broker');
    this.navComingSoon = page.locator('[data-testid^="nav-"]:disabled');
    this.stopButton = page.getByTestId('broker-stop');
    this.startButton = page.getByTestId('broker-start');
    this.restartButton = page.getByTestId('broker-restart');
    this.controlError = page.getByTestId('broker-control-error');
    this.openDataFolder = page.getByTestId('broker-open-data-folder');
    this.dataFolderPath = page.getByTestId('broker-data-folder-path');
    this.copyDataFolder = page.getByTestId('copy-data-folder');
    this.connectionSettings = page.getByTestId('broker-connection-settings');
    this.connectionSettingsPopover = page.getByTestId('broker-connection-settings-popover');
    this.connectionSettingsPreview = page.getByTestId('broker-connection-settings-preview');
    this.copyConnectionSettings = page.getByTestId('copy-connection-settings');
    this.usePort = page.getByTestId('broker-use-port');
    this.usePortNote = page.getByTestId('broker-use-port-note');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.view).toBeVisible();
  }

  /** Waits until the view shows the broker in `state` (running, failed, …). */
  async expectState(state: 'starting' | 'running' | 'stopped' | 'failed'): Promise<void> {
    await expect(this.state).toHaveAttribute('data-state', state);
  }

  /** The port "Use port N" offers, once the host found one. */
  async offeredPort(): Promise<number> {
    await expect(this.usePort).toBeVisible();
    return Number(await this.usePort.getAttribute('data-port'));
  }

  connectionRow(clientId: string): Locator {
    return this.page.locator(`[data-testid="connection-row"][data-client-id="${clientId}"]`);
  }

  /** What the connections of `clientId` wait for (their oldest unanswered requests). */
  connectionWaiting(clientId: string): Locator {
    return this.connectionRow(clientId).getByTestId('connection-waiting');
  }

  async clipboardText(): Promise<string> {
    return this.page.evaluate<string>('navigator.clipboard.readText()');
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  }
}
