/**
 * Installs the application menu (app-menu-template.ts) with its actions: Documentation in the
 * browser, About as a message box over the window, Go's items as the key press the page handles.
 */
import { app, dialog, Menu, shell, type BrowserWindow } from 'electron';
import { aboutDetail, appMenuTemplate, DOCUMENTATION_URL } from './app-menu-template';

export function installAppMenu(window: () => BrowserWindow | null): void {
  const showAbout = () => {
    const options = {
      type: 'info' as const,
      title: `About ${app.name}`,
      message: app.name,
      detail: aboutDetail({ app: app.getVersion(), electron: process.versions.electron, node: process.versions.node, chrome: process.versions.chrome }),
      buttons: ['OK'],
    };
    const parent = window();
    void (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options));
  };
  const goToView = (digit: number) => {
    const target = window();
    if (!target || target.isDestroyed()) return;
    // The same key press the renderer's shortcut handler answers (Cmd on macOS, Ctrl elsewhere).
    const modifiers: ('meta' | 'control')[] = [process.platform === 'darwin' ? 'meta' : 'control'];
    target.webContents.sendInputEvent({ type: 'keyDown', keyCode: String(digit), modifiers });
    target.webContents.sendInputEvent({ type: 'keyUp', keyCode: String(digit), modifiers });
  };
  const template = appMenuTemplate({
    platform: process.platform,
    isPackaged: app.isPackaged,
    appName: app.name,
    actions: { openDocumentation: () => void shell.openExternal(DOCUMENTATION_URL), showAbout, goToView },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
