/**
 * Page object for dead letters: the Dead letters view (the sweeper's status, the DLQ topics, the
 * summary, filters, the virtualized list, a dead letter's detail, and the replay, discard and
 * export dialogs), the sidebar's count of new ones, and the dead-letter policy on a topic's page.
 * Locators are `data-testid`s only.
 */
import { expect, type Download, type Locator, type Page } from '@playwright/test';

export interface PolicyFields {
  enabled: boolean;
  group: string;
  maxAge: [string, 's' | 'min' | 'h' | 'd'];
  /** Empty: `<topic>.dlq`. */
  dlqTopic?: string;
}

export class DeadLettersPage {
  readonly nav: Locator;
  readonly navBadge: Locator;
  readonly view: Locator;
  readonly viewTopic: Locator;
  readonly refresh: Locator;

  readonly sweeper: Locator;
  readonly sweeperUnavailable: Locator;
  readonly sweeperTotal: Locator;
  readonly sweeperLast: Locator;
  readonly sweepNow: Locator;

  readonly topicRows: Locator;
  readonly topicsEmpty: Locator;
  readonly summary: Locator;
  readonly total: Locator;
  readonly rows: Locator;
  readonly listScroll: Locator;
  readonly listEmpty: Locator;
  readonly filterReason: Locator;
  readonly filterSource: Locator;
  readonly filterState: Locator;
  readonly filterClear: Locator;

  readonly choiceBar: Locator;
  readonly chosen: Locator;
  readonly chooseAll: Locator;
  readonly choiceClear: Locator;
  readonly replayButton: Locator;
  readonly discardButton: Locator;
  readonly exportButton: Locator;

  readonly detail: Locator;
  readonly detailReason: Locator;
  readonly detailSource: Locator;
  readonly detailGroup: Locator;
  readonly detailState: Locator;
  readonly detailReplay: Locator;
  readonly detailOriginal: Locator;
  readonly detailClose: Locator;

  readonly replayDialog: Locator;
  readonly replayTargetOriginal: Locator;
  readonly replayTargetTopic: Locator;
  readonly replayTopic: Locator;
  readonly replayRate: Locator;
  readonly replaySubmit: Locator;
  readonly replayAskAgain: Locator;
  readonly replayAgain: Locator;
  readonly replayJob: Locator;
  readonly replaySummary: Locator;
  readonly replayClose: Locator;

  readonly discardDialog: Locator;
  readonly discardSubmit: Locator;

  readonly exportDialog: Locator;
  readonly exportSubmit: Locator;
  readonly exportJob: Locator;
  readonly exportDone: Locator;
  readonly exportClose: Locator;

  readonly policyTab: Locator;
  readonly policyPanel: Locator;
  readonly policyEnabled: Locator;
  readonly policyGroup: Locator;
  readonly policyMaxAge: Locator;
  readonly policyMaxAgeUnit: Locator;
  readonly policyTopic: Locator;
  readonly policySave: Locator;
  readonly policySaved: Locator;
  readonly policyError: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByTestId('nav-dead-letters');
    this.navBadge = page.getByTestId('nav-dead-letters-badge');
    this.view = page.getByTestId('dead-letters-view');
    this.viewTopic = page.getByTestId('dead-letters-topic');
    this.refresh = page.getByTestId('dead-letters-refresh');

    this.sweeper = page.getByTestId('sweeper-status');
    this.sweeperUnavailable = page.getByTestId('sweeper-unavailable');
    this.sweeperTotal = page.getByTestId('sweeper-total');
    this.sweeperLast = page.getByTestId('sweeper-last');
    this.sweepNow = page.getByTestId('sweep-now');

    this.topicRows = page.getByTestId('dlq-topic-row');
    this.topicsEmpty = page.getByTestId('dlq-topics-empty');
    this.summary = page.getByTestId('dlq-summary');
    this.total = page.getByTestId('dead-letters-total');
    this.rows = page.getByTestId('dead-letter-row');
    this.listScroll = page.getByTestId('dead-letters-scroll');
    this.listEmpty = page.getByTestId('dead-letters-empty');
    this.filterReason = page.getByTestId('dlq-filter-reason');
    this.filterSource = page.getByTestId('dlq-filter-source');
    this.filterState = page.getByTestId('dlq-filter-state');
    this.filterClear = page.getByTestId('dlq-filter-clear');

    this.choiceBar = page.getByTestId('dlq-choice-bar');
    this.chosen = page.getByTestId('dlq-chosen');
    this.chooseAll = page.getByTestId('dlq-choose-all');
    this.choiceClear = page.getByTestId('dlq-choice-clear');
    this.replayButton = page.getByTestId('dlq-replay');
    this.discardButton = page.getByTestId('dlq-discard');
    this.exportButton = page.getByTestId('dlq-export');

    this.detail = page.getByTestId('dead-letter-detail');
    this.detailReason = page.getByTestId('dead-letter-detail-reason');
    this.detailSource = page.getByTestId('dead-letter-detail-source');
    this.detailGroup = page.getByTestId('dead-letter-detail-group');
    this.detailState = page.getByTestId('dead-letter-detail-state');
    this.detailReplay = page.getByTestId('dead-letter-detail-replay');
    this.detailOriginal = page.getByTestId('dead-letter-original');
    this.detailClose = page.getByTestId('dead-letter-detail-close');

    this.replayDialog = page.getByTestId('replay-dialog');
    this.replayTargetOriginal = page.getByTestId('replay-target-original');
    this.replayTargetTopic = page.getByTestId('replay-target-topic');
    this.replayTopic = page.getByTestId('replay-topic');
    this.replayRate = page.getByTestId('replay-rate');
    this.replaySubmit = page.getByTestId('replay-submit');
    this.replayAskAgain = page.getByTestId('replay-ask-again');
    this.replayAgain = page.getByTestId('replay-again');
    this.replayJob = page.getByTestId('replay-job');
    this.replaySummary = page.getByTestId('replay-job-summary');
    this.replayClose = page.getByTestId('replay-close');

    this.discardDialog = page.getByTestId('discard-dialog');
    this.discardSubmit = page.getByTestId('discard-submit');

    this.exportDialog = page.getByTestId('dlq-export-dialog');
    this.exportSubmit = page.getByTestId('dlq-export-submit');
    this.exportJob = page.getByTestId('dlq-export-job');
    this.exportDone = page.getByTestId('dlq-export-done');
    this.exportClose = page.getByTestId('dlq-export-close');

    this.policyTab = page.getByTestId('tab-dead-letters');
    this.policyPanel = page.getByTestId('dlq-policy-panel');
    this.policyEnabled = page.getByTestId('dlq-policy-enabled');
    this.policyGroup = page.getByTestId('dlq-policy-group');
    this.policyMaxAge = page.getByTestId('dlq-policy-max-age');
    this.policyMaxAgeUnit = page.getByTestId('dlq-policy-max-age-unit');
    this.policyTopic = page.getByTestId('dlq-policy-topic');
    this.policySave = page.getByTestId('dlq-policy-save');
    this.policySaved = page.getByTestId('dlq-policy-saved');
    this.policyError = page.getByTestId('dlq-policy-error');
  }

  /** Opens the Dead letters view from the sidebar (the console already loaded). */
  async openFromSidebar(): Promise<void> {
    await this.nav.click();
    await expect(this.view).toBeVisible();
  }

  /** Opens the console on the Dead letters view. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.openFromSidebar();
  }

  topicRow(topic: string): Locator {
    return this.page.locator(`[data-testid="dlq-topic-row"][data-topic="${topic}"]`);
  }

  topicCell(topic: string, column: 'records' | 'dead' | 'replayed' | 'discarded'): Locator {
    return this.topicRow(topic).getByTestId(`dlq-topic-${column}`);
  }

  async chooseTopic(topic: string): Promise<void> {
    await this.topicRow(topic).getByTestId('dlq-topic-link').click();
    await expect(this.viewTopic).toHaveText(topic);
  }

  /** A dead letter's row, by where it is in the DLQ topic. */
  row(partition: number, offset: number): Locator {
    return this.page.locator(`[data-testid="dead-letter-row"][data-partition="${partition}"][data-offset="${offset}"]`);
  }

  cell(partition: number, offset: number, column: 'reason' | 'source' | 'died' | 'format' | 'state' | 'position'): Locator {
    return this.row(partition, offset).getByTestId(`dead-letter-${column}`);
  }

  async expectState(partition: number, offset: number, state: 'dead' | 'replayed' | 'discarded'): Promise<void> {
    await expect(this.row(partition, offset)).toHaveAttribute('data-state', state);
  }

  async openRow(partition: number, offset: number): Promise<void> {
    await this.cell(partition, offset, 'position').click();
    await expect(this.detail).toHaveAttribute('data-offset', String(offset));
  }

  /** Checks a row's box; `range` shift-clicks it (the rows from the last one checked). */
  async check(partition: number, offset: number, range = false): Promise<void> {
    await this.row(partition, offset).getByTestId('dead-letter-check').click(range ? { modifiers: ['Shift'] } : undefined);
  }

  /** Replays what is chosen to the original topics or to `topic`, and waits for the job's end. */
  async replay(target: { topic: string } | 'original'): Promise<void> {
    await this.replayButton.click();
    await expect(this.replayDialog).toBeVisible();
    if (target === 'original') await this.replayTargetOriginal.check();
    else await this.replayTopic.fill(target.topic);
    await this.replaySubmit.click();
    await expect(this.replayJob).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  }

  async closeReplay(): Promise<void> {
    await this.replayClose.click();
    await expect(this.replayDialog).toHaveCount(0);
  }

  async discardChosen(): Promise<void> {
    await this.discardButton.click();
    await expect(this.discardDialog).toBeVisible();
    await this.discardSubmit.click();
    await expect(this.discardDialog).toHaveCount(0);
  }

  /** Exports what is chosen and returns the browser's download (serve mode). */
  async exportChosen(): Promise<Download> {
    await this.exportButton.click();
    await expect(this.exportDialog).toBeVisible();
    const downloading = this.page.waitForEvent('download');
    await this.exportSubmit.click();
    const download = await downloading;
    await expect(this.exportDone).toBeVisible();
    return download;
  }

  /** On a topic's page: opens its Dead-letter policy tab, fills the form and saves it. */
  async setPolicy(fields: PolicyFields): Promise<void> {
    await this.policyTab.click();
    await expect(this.policyPanel).toBeVisible();
    await expect(this.policySave).toBeVisible();
    await this.policyEnabled.setChecked(fields.enabled);
    await this.policyGroup.fill(fields.group);
    await this.policyMaxAgeUnit.selectOption(fields.maxAge[1]);
    await this.policyMaxAge.fill(fields.maxAge[0]);
    await this.policyTopic.fill(fields.dlqTopic ?? '');
    await this.policySave.click();
    await expect(this.policySaved).toBeVisible();
  }

  /** The part of the URL after `#`. */
  async route(): Promise<string> {
    return new URL(this.page.url()).hash;
  }

  /**
   * A screenshot of the window (the main column scrolls inside it, so a full-page one shows no
   * more), with `focus` scrolled into view first, and `height` a taller window for this one.
   */
  async screenshot(name: string, options: { focus?: Locator; height?: number } = {}): Promise<void> {
    const size = this.page.viewportSize();
    if (options.height && size) await this.page.setViewportSize({ width: size.width, height: options.height });
    if (options.focus) await options.focus.scrollIntoViewIfNeeded();
    await this.page.screenshot({ path: `test-results/screenshots/dead-letters-${name}.png` });
    if (options.height && size) await this.page.setViewportSize(size);
  }
}
