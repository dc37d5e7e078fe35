/**
 * Page object for producing from the console: the produce panel beside the records (one record,
 * bulk, import), its templates, the per-record outcomes and job progress, "Produce again",
 * "Copy to topic…" and the "Copy as code" dialog. Locators are `data-testid`s only.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export type FieldName = 'key' | 'value';
export type Encoding = 'text' | 'json' | 'hex' | 'base64';

export class ProducePage {
  readonly open: Locator;
  readonly panel: Locator;
  readonly close: Locator;
  readonly source: Locator;
  readonly send: Locator;
  readonly problems: Locator;
  readonly outcomes: Locator;
  readonly sendError: Locator;
  readonly copyAsCode: Locator;
  readonly partitioner: Locator;
  readonly partition: Locator;
  readonly partitionProblem: Locator;
  readonly compression: Locator;
  readonly acks: Locator;
  readonly headerAdd: Locator;
  readonly headers: Locator;

  readonly bulkCount: Locator;
  readonly bulkRate: Locator;
  readonly bulkStart: Locator;
  readonly bulkCancel: Locator;
  readonly job: Locator;
  readonly jobState: Locator;
  readonly jobSent: Locator;
  readonly jobSummary: Locator;
  readonly jobError: Locator;
  readonly badLines: Locator;

  readonly importFile: Locator;
  readonly importStart: Locator;

  readonly templateName: Locator;
  readonly templateSave: Locator;
  readonly templateChoice: Locator;
  readonly templateUse: Locator;
  readonly templateDelete: Locator;
  readonly templateMessage: Locator;

  readonly snippetDialog: Locator;
  readonly snippetCode: Locator;
  readonly snippetBootstrap: Locator;
  readonly snippetCopy: Locator;
  readonly snippetClose: Locator;

  readonly selectionBar: Locator;
  readonly selectionCount: Locator;
  readonly selectionCopy: Locator;
  readonly copyDialog: Locator;
  readonly copyTarget: Locator;
  readonly copySubmit: Locator;
  readonly copyJob: Locator;
  readonly copyClose: Locator;

  constructor(readonly page: Page) {
    this.open = page.getByTestId('messages-produce');
    this.panel = page.getByTestId('produce-panel');
    this.close = page.getByTestId('produce-close');
    this.source = page.getByTestId('produce-source');
    this.send = page.getByTestId('produce-send');
    this.problems = page.getByTestId('produce-problems');
    this.outcomes = page.getByTestId('produce-outcome');
    this.sendError = page.getByTestId('produce-send-error');
    this.copyAsCode = page.getByTestId('produce-copy-as-code');
    this.partitioner = page.getByTestId('produce-partitioner');
    this.partition = page.getByTestId('produce-partition');
    this.partitionProblem = page.getByTestId('produce-partition-problem');
    this.compression = page.getByTestId('produce-compression');
    this.acks = page.getByTestId('produce-acks');
    this.headerAdd = page.getByTestId('produce-header-add');
    this.headers = page.getByTestId('produce-header');

    this.bulkCount = page.getByTestId('produce-bulk-count');
    this.bulkRate = page.getByTestId('produce-bulk-rate');
    this.bulkStart = page.getByTestId('produce-bulk-start');
    this.bulkCancel = page.getByTestId('produce-bulk-cancel');
    this.job = page.getByTestId('produce-job');
    this.jobState = page.getByTestId('produce-job-state');
    this.jobSent = page.getByTestId('produce-job-sent');
    this.jobSummary = page.getByTestId('produce-job-summary');
    this.jobError = page.getByTestId('produce-job-error');
    this.badLines = page.getByTestId('bad-line');

    this.importFile = page.getByTestId('produce-import-file');
    this.importStart = page.getByTestId('produce-import-start');

    this.templateName = page.getByTestId('produce-template-name');
    this.templateSave = page.getByTestId('produce-template-save');
    this.templateChoice = page.getByTestId('produce-template-choice');
    this.templateUse = page.getByTestId('produce-template-use');
    this.templateDelete = page.getByTestId('produce-template-delete');
    this.templateMessage = page.getByTestId('produce-template-message');

    this.snippetDialog = page.getByTestId('snippet-dialog');
    this.snippetCode = page.getByTestId('snippet-code');
    this.snippetBootstrap = page.getByTestId('snippet-bootstrap');
    this.snippetCopy = page.getByTestId('snippet-copy');
    this.snippetClose = page.getByTestId('snippet-close');

    this.selectionBar = page.getByTestId('selection-bar');
    this.selectionCount = page.getByTestId('selection-count');
    this.selectionCopy = page.getByTestId('selection-copy');
    this.copyDialog = page.getByTestId('copy-dialog');
    this.copyTarget = page.getByTestId('copy-target');
    this.copySubmit = page.getByTestId('copy-submit');
    this.copyJob = page.getByTestId('copy-job');
    this.copyClose = page.getByTestId('copy-close');
  }

  tab(tab: 'record' | 'bulk' | 'import'): Locator {
    return this.page.getByTestId(`produce-tab-${tab}`);
  }

  /** Opens the produce panel (on its record tab) and switches to `tab`. */
  async openPanel(tab: 'record' | 'bulk' | 'import' = 'record'): Promise<void> {
    await this.open.click();
    await expect(this.panel).toBeVisible();
    if (tab !== 'record') await this.tab(tab).click();
    await expect(this.panel).toHaveAttribute('data-tab', tab);
  }

  text(field: FieldName): Locator {
    return this.page.getByTestId(`produce-${field}-text`);
  }

  fieldProblem(field: FieldName): Locator {
    return this.page.getByTestId(`produce-${field}-problem`);
  }

  /** Types a key or value in an encoding (null: the null box). */
  async fill(field: FieldName, text: string | null, encoding: Encoding = field === 'key' ? 'text' : 'json'): Promise<void> {
    const isNull = this.page.getByTestId(`produce-${field}-null`);
    if (text === null) return isNull.check();
    await isNull.uncheck();
    await this.page.getByTestId(`produce-${field}-encoding`).selectOption(encoding);
    await this.text(field).fill(text);
  }

  /** Adds a header with a text value. */
  async addHeader(key: string, value: string): Promise<void> {
    const index = await this.headers.count();
    await this.headerAdd.click();
    const row = this.headers.nth(index);
    await row.getByTestId('produce-header-key').fill(key);
    await row.getByTestId('produce-header-value-null').uncheck();
    await row.getByTestId('produce-header-value-text').fill(value);
  }

  /** Chooses the explicit partitioner and types a partition. */
  async explicitPartition(partition: string): Promise<void> {
    await this.partitioner.selectOption('explicit');
    await this.partition.fill(partition);
  }

  snippetTab(language: 'kafka-python' | 'confluent-kafka-python' | 'kafkajs' | 'kcat'): Locator {
    return this.page.getByTestId(`snippet-tab-${language}`);
  }

  /** Waits for a job (bulk, import) to end in `state`. */
  async expectJobState(state: 'done' | 'cancelled' | 'failed', job: Locator = this.job): Promise<void> {
    await expect(job).toHaveAttribute('data-state', state, { timeout: 60_000 });
  }

  async jobSentCount(job: Locator = this.job): Promise<number> {
    return Number(await job.getAttribute('data-sent'));
  }

  /** Scrolls the produce panel (it scrolls on its own, beside the records) to its top or bottom, for a screenshot. */
  async scrollPanel(to: 'top' | 'bottom'): Promise<void> {
    await this.panel.evaluate((element, where) => element.scrollTo({ top: where === 'top' ? 0 : element.scrollHeight }), to);
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  }
}
