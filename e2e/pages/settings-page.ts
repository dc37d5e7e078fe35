/**
 * Page object for the Settings view. Locators are `data-testid`s only.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class SettingsPage {
  readonly nav: Locator;
  readonly view: Locator;
  readonly file: Locator;
  readonly loadProblem: Locator;
  readonly port: Locator;
  readonly portSource: Locator;
  readonly portError: Locator;
  readonly pickFreePort: Locator;
  readonly listenAddress: Locator;
  readonly listenAddressError: Locator;
  readonly dataDir: Locator;
  readonly dataDirSource: Locator;
  readonly dataDirError: Locator;
  readonly dataDirMove: Locator;
  readonly dataDirFresh: Locator;
  readonly dataDirNote: Locator;
  readonly save: Locator;
  readonly saved: Locator;
  readonly notSaved: Locator;
  readonly restartNotice: Locator;
  readonly restartNow: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByTestId('nav-settings');
    this.view = page.getByTestId('settings-view');
    this.file = page.getByTestId('settings-file');
    this.loadProblem = page.getByTestId('settings-load-problem');
    this.port = page.getByTestId('settings-port');
    this.portSource = page.getByTestId('settings-port-source');
    this.portError = page.getByTestId('settings-port-error');
    this.pickFreePort = page.getByTestId('settings-pick-free-port');
    this.listenAddress = page.getByTestId('settings-listen-address');
    this.listenAddressError = page.getByTestId('settings-listen-address-error');
    this.dataDir = page.getByTestId('settings-data-dir');
    this.dataDirSource = page.getByTestId('settings-data-dir-source');
    this.dataDirError = page.getByTestId('settings-data-dir-error');
    this.dataDirMove = page.getByTestId('settings-data-dir-move');
    this.dataDirFresh = page.getByTestId('settings-data-dir-fresh');
    this.dataDirNote = page.getByTestId('settings-data-dir-note');
    this.save = page.getByTestId('settings-save');
    this.saved = page.getByTestId('settings-saved');
    this.notSaved = page.getByTestId('settings-not-saved');
    this.restartNotice = page.getByTestId('settings-restart-notice');
    this.restartNow = page.getByTestId('settings-restart-now');
  }

  /** Opens the console and goes to Settings through the sidebar. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.nav.click();
    await expect(this.view).toBeVisible();
    await expect(this.port).toBeVisible();
  }

  config(name: string): Locator {
    return this.page.locator(`[data-testid="settings-config-row"][data-name="${name}"]`);
  }

  configInput(name: string): Locator {
    return this.config(name).getByTestId('settings-config-input');
  }

  configError(name: string): Locator {
    return this.config(name).getByTestId('settings-config-error');
  }

  configSource(name: string): Locator {
    return this.config(name).getByTestId('settings-config-source');
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  }
}
