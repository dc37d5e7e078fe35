/**
 * Page object for the Consumer groups view: the list, a group's page (members, per-partition
 * lag, lag chart), the reset-offsets dialog with its preview, and the delete dialog. Locators are
 * `data-testid`s only.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class GroupsPage {
  readonly navGroups: Locator;
  readonly view: Locator;
  readonly count: Locator;
  readonly rows: Locator;
  readonly empty: Locator;

  readonly groupPage: Locator;
  readonly groupName: Locator;
  readonly back: Locator;
  readonly state: Locator;
  readonly statMembers: Locator;
  readonly statLag: Locator;
  readonly memberRows: Locator;
  readonly lagRows: Locator;
  readonly lagChart: Locator;
  readonly membersEmpty: Locator;

  readonly resetButton: Locator;
  readonly resetDialog: Locator;
  readonly resetTopic: Locator;
  readonly resetScope: Locator;
  readonly resetPartitions: Locator;
  readonly resetTarget: Locator;
  readonly resetValue: Locator;
  readonly resetPreviewButton: Locator;
  readonly resetPreview: Locator;
  readonly resetSummary: Locator;
  readonly resetRows: Locator;
  readonly resetApply: Locator;
  readonly resetError: Locator;
  readonly resetActiveWarning: Locator;

  readonly deleteButton: Locator;
  readonly deleteDialog: Locator;
  readonly deleteConfirm: Locator;
  readonly deleteSubmit: Locator;
  readonly deleteError: Locator;

  constructor(readonly page: Page) {
    this.navGroups = page.getByTestId('nav-groups');
    this.view = page.getByTestId('groups-view');
    this.count = page.getByTestId('groups-count');
    this.rows = page.getByTestId('group-row');
    this.empty = page.getByTestId('groups-empty');

    this.groupPage = page.getByTestId('group-page');
    this.groupName = page.getByTestId('group-page-name');
    this.back = page.getByTestId('group-back');
    this.state = this.groupPage.getByTestId('group-state');
    this.statMembers = page.getByTestId('stat-members');
    this.statLag = page.getByTestId('stat-lag');
    this.memberRows = page.getByTestId('member-row');
    this.lagRows = this.groupPage.getByTestId('lag-row');
    this.lagChart = page.getByTestId('lag-chart');
    this.membersEmpty = page.getByTestId('members-empty');

    this.resetButton = page.getByTestId('reset-offsets-button');
    this.resetDialog = page.getByTestId('reset-dialog');
    this.resetTopic = page.getByTestId('reset-topic');
    this.resetScope = page.getByTestId('reset-scope');
    this.resetPartitions = page.getByTestId('reset-partitions');
    this.resetTarget = page.getByTestId('reset-target');
    this.resetValue = page.getByTestId('reset-value');
    this.resetPreviewButton = page.getByTestId('reset-preview-button');
    this.resetPreview = page.getByTestId('reset-preview');
    this.resetSummary = page.getByTestId('reset-summary');
    this.resetRows = page.getByTestId('reset-row');
    this.resetApply = page.getByTestId('reset-apply');
    this.resetError = page.getByTestId('reset-error');
    this.resetActiveWarning = page.getByTestId('reset-active-warning');

    this.deleteButton = page.getByTestId('group-delete-button');
    this.deleteDialog = page.getByTestId('delete-group-dialog');
    this.deleteConfirm = page.getByTestId('delete-group-confirm');
    this.deleteSubmit = page.getByTestId('delete-group-submit');
    this.deleteError = page.getByTestId('delete-group-error');
  }

  /** Opens the console and the Consumer groups view, once the list has been read. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.navGroups.click();
    await expect(this.view).toBeVisible();
    await expect(this.page.getByTestId('groups-loading')).toHaveCount(0);
  }

  row(groupId: string): Locator {
    return this.page.locator(`[data-testid="group-row"][data-group="${groupId}"]`);
  }

  cell(groupId: string, column: 'row-state' | 'members' | 'protocol' | 'lag'): Locator {
    return this.row(groupId).getByTestId(`group-${column}`);
  }

  async openGroup(groupId: string): Promise<void> {
    await this.row(groupId).getByTestId('group-link').click();
    await expect(this.groupName).toHaveText(groupId);
  }

  lagRow(topic: string, partition: number): Locator {
    return this.page.locator(`[data-testid="lag-row"][data-topic="${topic}"][data-partition="${partition}"]`);
  }

  lagCell(topic: string, partition: number, column: 'committed' | 'end' | 'value'): Locator {
    return this.lagRow(topic, partition).getByTestId(`lag-${column}`);
  }

  resetRow(partition: number): Locator {
    return this.page.locator(`[data-testid="reset-row"][data-partition="${partition}"]`);
  }

  resetCell(partition: number, column: 'current' | 'new' | 'effect'): Locator {
    return this.resetRow(partition).getByTestId(`reset-${column}`);
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  }
}
