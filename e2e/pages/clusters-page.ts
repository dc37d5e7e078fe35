/**
 * Page object for clusters: the Connections view (rows, New connection, the add/edit form and its
 * test's diagnosis), the sidebar's cluster switcher and the cluster banner. Locators are roles and
 * labels where the UI names things, `data-testid`s otherwise.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class ClustersPage {
  readonly navConnections: Locator;
  readonly view: Locator;
  readonly rows: Locator;
  readonly newConnection: Locator;
  readonly form: Locator;
  readonly formDiagnosis: Locator;
  readonly switcher: Locator;
  readonly switcherName: Locator;
  /** The switcher's "read-only" badge, beside the name of a read-only connection. */
  readonly switcherReadOnly: Locator;
  readonly banner: Locator;

  constructor(readonly page: Page) {
    this.navConnections = page.getByTestId('nav-connections');
    this.view = page.getByTestId('connections-view');
    this.rows = page.getByTestId('cluster-row');
    this.newConnection = page.getByRole('button', { name: 'New connection' });
    this.form = page.getByTestId('cluster-form-dialog');
    this.formDiagnosis = page.getByTestId('cluster-form-diagnosis');
    this.switcher = page.getByTestId('cluster-switcher');
    this.switcherName = page.getByTestId('cluster-switcher-name');
    this.switcherReadOnly = page.getByTestId('cluster-switcher-read-only');
    this.banner = page.getByTestId('cluster-banner');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.navConnections.click();
    await expect(this.view).toBeVisible();
    await expect(this.page.getByTestId('clusters-loading')).toHaveCount(0);
  }

  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByTestId('cluster-row-name').getByText(name, { exact: true }) });
  }

  /** Fills the form's name and bootstrap servers (the rest left at their defaults). */
  async fillForm(name: string, bootstrap: string): Promise<void> {
    await this.form.getByLabel('Name').fill(name);
    await this.form.getByLabel('Bootstrap servers').fill(bootstrap);
  }

  async testForm(): Promise<void> {
    await this.form.getByRole('button', { name: 'Test connection' }).click();
    await expect(this.formDiagnosis).toHaveAttribute('data-ok', /true|false/, { timeout: 20_000 });
  }

  async saveForm(): Promise<void> {
    await this.form.getByRole('button', { name: 'Save' }).click();
    await expect(this.form).toHaveCount(0);
  }

  /** Opens a connection from the sidebar's switcher. */
  async switchTo(name: string): Promise<void> {
    await this.switcher.click();
    await this.page.getByRole('menu', { name: 'Clusters' }).getByRole('menuitemradio', { name, exact: true }).click();
    await expect(this.switcherName).toHaveText(name);
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  }
}
