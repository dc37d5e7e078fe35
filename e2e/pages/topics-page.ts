/**
 * Page object for the Topics view: the list, the create and delete dialogs, and a topic's page
 * (partitions, configs, add partitions, purge). Locators are `data-testid`s only.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class TopicsPage {
  readonly navTopics: Locator;
  readonly view: Locator;
  readonly count: Locator;
  readonly rows: Locator;
  /** The topics table's scroll container (the rows are virtualized: only those in view exist). */
  readonly listScroll: Locator;
  readonly empty: Locator;
  readonly filter: Locator;
  readonly newTopicButton: Locator;

  readonly createDialog: Locator;
  readonly createName: Locator;
  readonly createNameProblem: Locator;
  readonly createPartitions: Locator;
  readonly createRetention: Locator;
  readonly createRetentionUnit: Locator;
  readonly createSegment: Locator;
  readonly createSegmentUnit: Locator;
  readonly createSubmit: Locator;
  readonly createError: Locator;

  readonly deleteDialog: Locator;
  readonly deleteConfirm: Locator;
  readonly deleteSubmit: Locator;

  readonly topicPage: Locator;
  readonly topicName: Locator;
  readonly back: Locator;
  readonly statPartitions: Locator;
  readonly statRecords: Locator;
  readonly statSize: Locator;
  readonly partitionsTab: Locator;
  readonly configsTab: Locator;
  readonly partitionRows: Locator;
  readonly partitionsScroll: Locator;
  readonly partitionsNext: Locator;
  readonly configRows: Locator;
  readonly configsOverriddenOnly: Locator;
  readonly topicDeleteButton: Locator;

  readonly addPartitionsButton: Locator;
  readonly addPartitionsDialog: Locator;
  readonly addPartitionsCount: Locator;
  readonly addPartitionsProblem: Locator;
  readonly addPartitionsSubmit: Locator;

  readonly purgeButton: Locator;
  readonly purgeDialog: Locator;
  readonly purgeScopeAll: Locator;
  readonly purgeScopeOne: Locator;
  readonly purgePartition: Locator;
  readonly purgeEverything: Locator;
  readonly purgeOffset: Locator;
  readonly purgeSummary: Locator;
  readonly purgeSubmit: Locator;
  readonly purgeError: Locator;

  constructor(readonly page: Page) {
    this.navTopics = page.getByTestId('nav-topics');
    this.view = page.getByTestId('topics-view');
    this.count = page.getByTestId('topics-count');
    this.rows = page.getByTestId('topic-row');
    this.listScroll = page.getByTestId('topics-scroll');
    this.empty = page.getByTestId('topics-empty');
    this.filter = page.getByTestId('topics-filter');
    this.newTopicButton = page.getByTestId('new-topic-button');

    this.createDialog = page.getByTestId('create-topic-dialog');
    this.createName = page.getByTestId('create-topic-name');
    this.createNameProblem = page.getByTestId('create-topic-name-problem');
    this.createPartitions = page.getByTestId('create-topic-partitions');
    this.createRetention = page.getByTestId('create-topic-retention');
    this.createRetentionUnit = page.getByTestId('create-topic-retention-unit');
    this.createSegment = page.getByTestId('create-topic-segment');
    this.createSegmentUnit = page.getByTestId('create-topic-segment-unit');
    this.createSubmit = page.getByTestId('create-topic-submit');
    this.createError = page.getByTestId('create-topic-error');

    this.deleteDialog = page.getByTestId('delete-topic-dialog');
    this.deleteConfirm = page.getByTestId('delete-topic-confirm');
    this.deleteSubmit = page.getByTestId('delete-topic-submit');

    this.topicPage = page.getByTestId('topic-page');
    this.topicName = page.getByTestId('topic-page-name');
    this.back = page.getByTestId('topic-back');
    this.statPartitions = page.getByTestId('stat-partitions');
    this.statRecords = page.getByTestId('stat-records');
    this.statSize = page.getByTestId('stat-size');
    this.partitionsTab = page.getByTestId('tab-partitions');
    this.configsTab = page.getByTestId('tab-configs');
    this.partitionRows = page.getByTestId('partition-row');
    this.partitionsScroll = page.getByTestId('partitions-scroll');
    this.partitionsNext = page.getByTestId('partitions-next');
    this.configRows = page.getByTestId('config-row');
    this.configsOverriddenOnly = page.getByTestId('configs-overridden-only');
    this.topicDeleteButton = page.getByTestId('topic-delete-button');

    this.addPartitionsButton = page.getByTestId('add-partitions-button');
    this.addPartitionsDialog = page.getByTestId('add-partitions-dialog');
    this.addPartitionsCount = page.getByTestId('add-partitions-count');
    this.addPartitionsProblem = page.getByTestId('add-partitions-problem');
    this.addPartitionsSubmit = page.getByTestId('add-partitions-submit');

    this.purgeButton = page.getByTestId('purge-button');
    this.purgeDialog = page.getByTestId('purge-dialog');
    this.purgeScopeAll = page.getByTestId('purge-scope-all');
    this.purgeScopeOne = page.getByTestId('purge-scope-one');
    this.purgePartition = page.getByTestId('purge-partition');
    this.purgeEverything = page.getByTestId('purge-everything');
    this.purgeOffset = page.getByTestId('purge-offset');
    this.purgeSummary = page.getByTestId('purge-summary');
    this.purgeSubmit = page.getByTestId('purge-submit');
    this.purgeError = page.getByTestId('purge-error');
  }

  /** Opens the console and the Topics view, once the list has been read. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.navTopics.click();
    await expect(this.view).toBeVisible();
    await expect(this.page.getByTestId('topics-loading')).toHaveCount(0);
  }

  row(topic: string): Locator {
    return this.page.locator(`[data-testid="topic-row"][data-topic="${topic}"]`);
  }

  /** Scrolls the virtualized topics table to its end, so the last rows get rendered. */
  async scrollListToEnd(): Promise<void> {
    await this.listScroll.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  }

  cell(topic: string, column: 'partitions' | 'records' | 'size' | 'last-write'): Locator {
    return this.row(topic).getByTestId(`topic-${column}`);
  }

  async openTopic(topic: string): Promise<void> {
    await this.row(topic).getByTestId('topic-link').click();
    await expect(this.topicName).toHaveText(topic);
  }

  /** Fills the create dialog (opening it first); leaves submitting to the caller. */
  async fillCreateForm(fields: { name: string; partitions?: number; retention?: [string, string]; segment?: [string, string] }): Promise<void> {
    if (!(await this.createDialog.isVisible())) await this.newTopicButton.click();
    await this.createName.fill(fields.name);
    if (fields.partitions !== undefined) await this.createPartitions.fill(String(fields.partitions));
    if (fields.retention) {
      await this.createRetentionUnit.selectOption(fields.retention[1]);
      await this.createRetention.fill(fields.retention[0]);
    }
    if (fields.segment) {
      await this.createSegmentUnit.selectOption(fields.segment[1]);
      await this.createSegment.fill(fields.segment[0]);
    }
  }

  partitionRow(partition: number): Locator {
    return this.page.locator(`[data-testid="partition-row"][data-partition="${partition}"]`);
  }

  partitionCell(partition: number, column: 'log-start' | 'high-watermark' | 'records' | 'size' | 'segments'): Locator {
    return this.partitionRow(partition).getByTestId(`partition-${column}`);
  }

  configRow(name: string): Locator {
    return this.page.locator(`[data-testid="config-row"][data-config="${name}"]`);
  }

  configPart(name: string, part: 'value' | 'default' | 'edit' | 'input' | 'save' | 'cancel' | 'error' | 'reset' | 'overridden'): Locator {
    return this.configRow(name).getByTestId(`config-${part}`);
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  }
}
