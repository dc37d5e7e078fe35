/**
 * Page object for the Messages view's tail mode: the mode switch, where a tail begins, pause and
 * resume, order and ring size, the status bar (its numbers also as data- attributes), notices.
 * The rows are the Messages page's (`MessagesPage.rows`). Locators are `data-testid`s only.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export interface TailNumbers {
  phase: string;
  received: number;
  rows: number;
  droppedFromView: number;
  droppedByHost: number;
  held: number;
  /** Polls answered since the tail started. */
  polls: number;
}

export class TailPage {
  readonly modeBrowse: Locator;
  readonly modeTail: Locator;
  readonly begin: Locator;
  readonly beginCount: Locator;
  readonly beginGo: Locator;
  readonly pause: Locator;
  readonly resume: Locator;
  readonly restart: Locator;
  readonly clear: Locator;
  readonly rowsLimit: Locator;
  readonly status: Locator;
  readonly state: Locator;
  readonly arriving: Locator;
  readonly matching: Locator;
  readonly dropped: Locator;
  readonly waiting: Locator;
  readonly topicDeleted: Locator;
  readonly error: Locator;
  readonly notices: Locator;

  constructor(readonly page: Page) {
    this.modeBrowse = page.getByTestId('messages-mode-browse');
    this.modeTail = page.getByTestId('messages-mode-tail');
    this.begin = page.getByTestId('tail-begin');
    this.beginCount = page.getByTestId('tail-begin-count');
    this.beginGo = page.getByTestId('tail-begin-go');
    this.pause = page.getByTestId('tail-pause');
    this.resume = page.getByTestId('tail-resume');
    this.restart = page.getByTestId('tail-restart');
    this.clear = page.getByTestId('tail-clear');
    this.rowsLimit = page.getByTestId('tail-rows');
    this.status = page.getByTestId('tail-status');
    this.state = page.getByTestId('tail-state');
    this.arriving = page.getByTestId('tail-arriving');
    this.matching = page.getByTestId('tail-matching');
    this.dropped = page.getByTestId('tail-dropped');
    this.waiting = page.getByTestId('tail-waiting');
    this.topicDeleted = page.getByTestId('tail-topic-deleted');
    this.error = page.getByTestId('tail-error');
    this.notices = page.getByTestId('tail-notice');
  }

  order(order: 'newest-first' | 'append'): Locator {
    return this.page.getByTestId(`tail-order-${order}`);
  }

  /** Switches to tail mode, beginning with new records only or the last `count` of each partition. */
  async start(begin: { at: 'end' } | { at: 'last'; count: number } = { at: 'end' }): Promise<void> {
    await this.modeTail.click();
    await expect(this.status).toBeVisible();
    if (begin.at === 'end') await this.begin.selectOption('end');
    else {
      await this.begin.selectOption('last');
      await this.beginCount.fill(String(begin.count));
      await this.beginGo.click();
    }
    await this.expectPhase('running');
  }

  async expectPhase(phase: 'starting' | 'running' | 'paused' | 'ended'): Promise<void> {
    await expect(this.status).toHaveAttribute('data-phase', phase, { timeout: 15_000 });
  }

  /** The status bar's numbers, read at once. */
  async numbers(): Promise<TailNumbers> {
    return this.status.evaluate((element) => ({
      phase: element.getAttribute('data-phase') ?? '',
      received: Number(element.getAttribute('data-received')),
      rows: Number(element.getAttribute('data-rows')),
      droppedFromView: Number(element.getAttribute('data-dropped-view')),
      droppedByHost: Number(element.getAttribute('data-dropped-host')),
      held: Number(element.getAttribute('data-held')),
      polls: Number(element.getAttribute('data-polls')),
    }));
  }

  /**
   * Every row of the table, read by scrolling it from top to bottom (it is virtualized: only the
   * rows near the view exist at a time), in the order shown. Read once the rows stop changing.
   */
  async collectRows(): Promise<Array<{ partition: number; offset: number; value: string }>> {
    // Runs in the page; typed without the DOM library (this file is type-checked for Node).
    type PageRow = { dataset: Record<string, string | undefined>; offsetTop: number; querySelector(selector: string): { textContent: string | null } | null };
    return this.page.getByTestId('records-scroll').evaluate(async (element) => {
      const frame = (callback: () => void) => (globalThis as unknown as { requestAnimationFrame(callback: () => void): void }).requestAnimationFrame(callback);
      const settle = () => new Promise((resolve) => frame(() => frame(() => setTimeout(resolve, 20))));
      const rows = new Map<string, { partition: number; offset: number; value: string; top: number }>();
      element.scrollTop = 0;
      await settle();
      for (;;) {
        for (const row of element.querySelectorAll('[data-testid="record-row"]') as unknown as Iterable<PageRow>) {
          const partition = Number(row.dataset.partition);
          const offset = Number(row.dataset.offset);
          const value = row.querySelector('[data-testid="record-value"]')?.textContent ?? '';
          rows.set(`${partition}:${offset}`, { partition, offset, value, top: row.offsetTop });
        }
        if (element.scrollTop + element.clientHeight >= element.scrollHeight - 1) break;
        element.scrollTop += Math.max(100, element.clientHeight - 60);
        await settle();
      }
      return [...rows.values()].sort((a, b) => a.top - b.top).map(({ partition, offset, value }) => ({ partition, offset, value }));
    });
  }

  /** Waits until `received` reaches `count`. */
  async expectReceived(count: number, timeout = 20_000): Promise<void> {
    await expect(this.status).toHaveAttribute('data-received', String(count), { timeout });
  }
}
