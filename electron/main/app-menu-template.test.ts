import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { aboutDetail, appMenuTemplate, DOCUMENTATION_URL, type AppMenuOptions } from './app-menu-template';

function template(platform: NodeJS.Platform, isPackaged = false) {
  const actions = { openDocumentation: vi.fn(), showAbout: vi.fn(), goToView: vi.fn() };
  const options: AppMenuOptions = { platform, isPackaged, appName: 'Eddy', actions };
  return { menu: appMenuTemplate(options), actions };
}

const items = (menu: MenuItemConstructorOptions) => menu.submenu as MenuItemConstructorOptions[];
const roles = (menu: MenuItemConstructorOptions) => items(menu).filter((item) => item.type !== 'separator').map((item) => item.role ?? item.label);
const byLabel = (menu: MenuItemConstructorOptions[], label: string) => menu.find((item) => item.label?.replace('&', '') === label)!;
const click = (item: MenuItemConstructorOptions) => (item.click as () => void)();

describe('appMenuTemplate', () => {
  it('on macOS: the app menu (About, Hide, Quit) first, then Edit, View, Go, Window, Help', () => {
    const { menu, actions } = template('darwin');
    expect(menu.map((item) => item.label?.replace('&', ''))).toEqual(['Eddy', 'Edit', 'View', 'Go', 'Window', 'Help']);
    expect(roles(menu[0])).toEqual(['About Eddy', 'hide', 'hideOthers', 'unhide', 'quit']);
    click(items(menu[0])[0]);
    expect(actions.showAbout).toHaveBeenCalledOnce();
    expect(roles(byLabel(menu, 'Window'))).toEqual(['minimize', 'zoom', 'front']);
    expect(roles(byLabel(menu, 'Help'))).toEqual(['Documentation']);
  });

  it.each(['linux', 'win32'] as const)('on %s: File with Quit first, About in Help, Window with minimize and close', (platform) => {
    const { menu, actions } = template(platform);
    expect(menu.map((item) => item.label?.replace('&', ''))).toEqual(['File', 'Edit', 'View', 'Go', 'Window', 'Help']);
    expect(roles(menu[0])).toEqual(['quit']);
    expect(roles(byLabel(menu, 'Window'))).toEqual(['minimize', 'close']);
    const help = byLabel(menu, 'Help');
    expect(roles(help)).toEqual(['Documentation', 'About Eddy']);
    click(items(help).find((item) => item.label === 'Documentation')!);
    click(items(help).find((item) => item.label === 'About Eddy')!);
    expect(actions.openDocumentation).toHaveBeenCalledOnce();
    expect(actions.showAbout).toHaveBeenCalledOnce();
  });

  it('Edit has the standard roles', () => {
    expect(roles(byLabel(template('linux').menu, 'Edit'))).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
  });

  it('View has reload, zoom and full screen, and the developer tools only when not packaged', () => {
    expect(roles(byLabel(template('linux').menu, 'View'))).toEqual(['reload', 'forceReload', 'toggleDevTools', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    expect(roles(byLabel(template('linux', true).menu, 'View'))).not.toContain('toggleDevTools');
  });

  it("Go shows each view's shortcut without registering it (the page handles the key), and a click goes there", () => {
    const { menu, actions } = template('linux');
    const go = items(byLabel(menu, 'Go'));
    expect(go.map((item) => [item.label, item.accelerator, item.registerAccelerator])).toEqual([
      ['Broker', 'CmdOrCtrl+1', false],
      ['Topics', 'CmdOrCtrl+2', false],
      ['Consumer groups', 'CmdOrCtrl+3', false],
      ['Messages', 'CmdOrCtrl+4', false],
      ['Dead letters', 'CmdOrCtrl+5', false],
      ['Settings', 'CmdOrCtrl+6', false],
    ]);
    click(go[1]);
    expect(actions.goToView).toHaveBeenCalledWith(2);
  });

  it('documentation is a web page', () => {
    expect(DOCUMENTATION_URL).toMatch(/^https:\/\//);
  });
});

it('aboutDetail lists the app, Electron, Node and Chromium versions', () => {
  expect(aboutDetail({ app: '0.1.0', electron: '41.7.1', node: '24.1.0', chrome: '146.0.1' })).toBe('Version 0.1.0\nElectron 41.7.1\nNode 24.1.0\nChromium 146.0.1');
  expect(aboutDetail({ app: '0.1.0', node: '20.1.0' })).toContain('Electron unknown');
});
