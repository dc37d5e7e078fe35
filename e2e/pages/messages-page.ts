/**
 * Page object for the Messages view: the toolbar (topic, partitions, start, decoding), the
 * filter builder and search progress, the virtualized records table, the record detail (JSON
 * tree, key, headers, hex, copy buttons) and the export dialog. Locators are `data-testid`s only.
 */
import { expect, type Download, type Locator, type Page } from '@playwright/test';

export type StartChoice = { from: 'newest' } | { from: 'oldest' } | { from: 'offset'; offset: number } | { from: 'time'; local: string };

export class MessagesPage {
  readonly nav: Locator;
  readonly view: Locator;
  readonly viewTopic: Locator;
  readonly topic: Locator;
  readonly partitionsSummary: Locator;
  readonly start: Locator;
  readonly startOffset: Locator;
  readonly startTime: Locator;
  readonly startGo: Locator;
  readonly keyDecoding: Locator;
  readonly valueDecoding: Locator;
  readonly refresh: Locator;
  readonly exportButton: Locator;

  readonly rows: Locator;
  readonly recordsScroll: Locator;
  readonly problems: Locator;
  readonly pageSummary: Locator;
  readonly older: Locator;
  readonly newer: Locator;
  readonly empty: Locator;
  readonly error: Locator;
  readonly topicGone: Locator;
  readonly noTopic: Locator;

  readonly filterAdd: Locator;
  readonly filterRows: Locator;
  readonly searchSubmit: Locator;
  readonly searchClear: Locator;
  readonly searchEnd: Locator;
  readonly searchError: Locator;
  readonly searchProgress: Locator;
  readonly searchState: Locator;
  readonly searchMatched: Locator;
  readonly searchScanned: Locator;
  readonly searchPositions: Locator;
  readonly searchCancel: Locator;
  readonly searchFailure: Locator;
  readonly searchNoMatches: Locator;

  readonly detail: Locator;
  readonly detailTitle: Locator;
  readonly detailClose: Locator;
  readonly detailTimestamp: Locator;
  readonly detailError: Locator;

  readonly exportDialog: Locator;
  readonly exportSubmit: Locator;
  readonly exportDone: Locator;
  readonly exportClose: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByTestId('nav-messages');
    this.view = page.getByTestId('messages-view');
    this.viewTopic = page.getByTestId('messages-view-topic');
    this.topic = page.getByTestId('messages-topic');
    this.partitionsSummary = page.getByTestId('messages-partitions-summary');
    this.start = page.getByTestId('messages-start');
    this.startOffset = page.getByTestId('messages-start-offset');
    this.startTime = page.getByTestId('messages-start-time');
    this.startGo = page.getByTestId('messages-start-go');
    this.keyDecoding = page.getByTestId('messages-key-decoding');
    this.valueDecoding = page.getByTestId('messages-value-decoding');
    this.refresh = page.getByTestId('messages-refresh');
    this.exportButton = page.getByTestId('messages-export');

    this.rows = page.getByTestId('record-row');
    this.recordsScroll = page.getByTestId('records-scroll');
    this.problems = page.getByTestId('record-problem');
    this.pageSummary = page.getByTestId('messages-page-summary');
    this.older = page.getByTestId('messages-older');
    this.newer = page.getByTestId('messages-newer');
    this.empty = page.getByTestId('messages-empty');
    this.error = page.getByTestId('messages-error');
    this.topicGone = page.getByTestId('messages-topic-gone');
    this.noTopic = page.getByTestId('messages-no-topic');

    this.filterAdd = page.getByTestId('filter-add');
    this.filterRows = page.getByTestId('filter-row');
    this.searchSubmit = page.getByTestId('search-submit');
    this.searchClear = page.getByTestId('search-clear');
    this.searchEnd = page.getByTestId('search-end');
    this.searchError = page.getByTestId('search-error');
    this.searchProgress = page.getByTestId('search-progress');
    this.searchState = page.getByTestId('search-state');
    this.searchMatched = page.getByTestId('search-matched');
    this.searchScanned = page.getByTestId('search-scanned');
    this.searchPositions = page.getByTestId('search-positions');
    this.searchCancel = page.getByTestId('search-cancel');
    this.searchFailure = page.getByTestId('search-failure');
    this.searchNoMatches = page.getByTestId('search-no-matches');

    this.detail = page.getByTestId('record-detail');
    this.detailTitle = page.getByTestId('detail-title');
    this.detailClose = page.getByTestId('detail-close');
    this.detailTimestamp = page.getByTestId('detail-timestamp');
    this.detailError = page.getByTestId('detail-error');

    this.exportDialog = page.getByTestId('export-dialog');
    this.exportSubmit = page.getByTestId('export-submit');
    this.exportDone = page.getByTestId('export-done');
    this.exportClose = page.getByTestId('export-close');
  }

  /** Opens the console on the Messages view and picks `topic`, once the topic list is there. */
  async open(url: string, topic?: string): Promise<void> {
    await this.page.goto(url);
    await this.nav.click();
    await expect(this.view).toBeVisible();
    if (topic !== undefined) await this.chooseTopic(topic);
  }

  async chooseTopic(topic: string): Promise<void> {
    await expect(this.topic.locator(`option[value="${topic}"]`)).toHaveCount(1);
    await this.topic.selectOption(topic);
    await expect(this.viewTopic).toHaveText(topic);
  }

  /** Picks exactly these partitions (null: all) in the partitions menu. */
  async choosePartitions(partitions: number[] | null): Promise<void> {
    await this.partitionsSummary.click();
    const menu = this.page.getByTestId('messages-partitions');
    await menu.getByTestId('partition-option-all').check();
    for (const partition of partitions ?? []) await menu.getByTestId(`partition-option-${partition}`).click();
    await this.partitionsSummary.click();
    await expect(this.partitionsSummary).toHaveText(partitions === null ? 'All' : partitions.join(', '));
  }

  async chooseStart(start: StartChoice): Promise<void> {
    await this.start.selectOption(start.from);
    if (start.from === 'offset') {
      await this.startOffset.fill(String(start.offset));
      await this.startGo.click();
    } else if (start.from === 'time') {
      await this.startTime.fill(start.local);
      await this.startGo.click();
    }
  }

  row(partition: number, offset: number): Locator {
    return this.page.locator(`[data-testid="record-row"][data-partition="${partition}"][data-offset="${offset}"]`);
  }

  /** The offsets of the rows rendered (the table is virtualized: those in and near the view). */
  async shownOffsets(): Promise<number[]> {
    return (await this.rows.evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-offset')))));
  }

  /** Waits for a page of `count` records, `order` as the summary says it. */
  async expectPage(count: number, order: 'newest first' | 'oldest first'): Promise<void> {
    await expect(this.pageSummary).toHaveText(`${count} record${count === 1 ? '' : 's'}, ${order}`);
  }

  async openRecord(partition: number, offset: number): Promise<void> {
    await this.row(partition, offset).click();
    await expect(this.detail).toHaveAttribute('data-offset', String(offset));
    await expect(this.page.getByTestId('detail-loading')).toHaveCount(0);
  }

  detailTab(tab: 'value' | 'key' | 'headers' | 'hex'): Locator {
    return this.page.getByTestId(`detail-tab-${tab}`);
  }

  /** A node of the value's JSON tree, by its path (`$.customer.name`). */
  jsonNode(path: string): Locator {
    return this.page.locator(`[data-testid="detail-value-body-tree"] [data-path="${path}"]`);
  }

  jsonToggle(path: string): Locator {
    return this.jsonNode(path).getByTestId('json-toggle').first();
  }

  detailPart(part: string): Locator {
    return this.page.getByTestId(`detail-${part}`);
  }

  header(key: string): Locator {
    return this.page.locator(`[data-testid="detail-header"][data-header="${key}"]`);
  }

  /** Adds a filter of `kind` and returns its row (by its index: removing a row above it moves it up). */
  async addFilter(kind: 'contains' | 'regex' | 'jsonPath' | 'predicate'): Promise<Locator> {
    const index = await this.filterRows.count();
    await this.filterAdd.click();
    const row = this.filterRows.nth(index);
    await row.getByTestId('filter-kind').selectOption(kind);
    return row;
  }

  async search(): Promise<void> {
    await this.searchSubmit.click();
    await expect(this.searchProgress).toBeVisible();
  }

  /** Waits for the search to end in `state`. */
  async expectSearchState(state: 'done' | 'cancelled' | 'failed'): Promise<void> {
    await expect(this.searchProgress).toHaveAttribute('data-state', state, { timeout: 30_000 });
  }

  /** Exports with the dialog and returns the browser's download (serve mode). */
  async exportDownload(format: 'jsonl' | 'csv', scope: 'page' | 'range'): Promise<Download> {
    await this.exportButton.click();
    await expect(this.exportDialog).toBeVisible();
    await this.page.getByTestId(`export-format-${format}`).check();
    const scopeChoice = this.page.getByTestId(`export-scope-${scope}`);
    if (!(await scopeChoice.isChecked())) await scopeChoice.check();
    const downloading = this.page.waitForEvent('download');
    await this.exportSubmit.click();
    const download = await downloading;
    await expect(this.exportDone).toBeVisible();
    return download;
  }

  /** The part of the URL after `#`, decoded. */
  async routeParams(): Promise<URLSearchParams> {
    const hash = new URL(this.page.url()).hash;
    const at = hash.indexOf('?');
    return new URLSearchParams(at === -1 ? '' : hash.slice(at + 1));
  }

  async clipboardText(): Promise<string> {
    return this.page.evaluate<string>('navigator.clipboard.readText()');
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  }
}
