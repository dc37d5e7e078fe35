/**
 * Page object for the shell around the views: the sidebar's items, each main view's root, the
 * keyboard shortcuts and the page's title. Locators are `data-testid`s only.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export type ShellView = 'broker' | 'topics' | 'groups' | 'messages' | 'dead-letters' | 'settings';

export class ShellPage {
  readonly sidebar: Locator;
  /** The page's body, whose background is the palette's `--bg`. */
  readonly body: Locator;

  constructor(readonly page: Page) {
    this.sidebar = page.getByTestId('sidebar');
    this.body = page.locator('body');
  }

  nav(view: ShellView): Locator {
    return this.page.getByTestId(`nav-${view}`);
  }

  view(view: ShellView): Locator {
    return this.page.getByTestId(`${view}-view`);
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.view('broker')).toBeVisible();
  }

  /** Ctrl+digit (the shortcut on Linux, where the e2e tier runs). */
  async pressShortcut(digit: number): Promise<void> {
    await this.page.keyboard.press(`Control+${digit}`);
  }

  async expectOn(view: ShellView): Promise<void> {
    await expect(this.view(view)).toBeVisible();
    await expect(this.nav(view)).toHaveAttribute('aria-current', 'page');
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  }
}
