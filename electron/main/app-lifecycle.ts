/**
 * The app's lifecycle: one instance (the single-instance lock is the first thing asked for, so a
 * second launch quits before anything else, broker and data directory included, and the running
 * app focuses its window: second-instance.ts); the system's light or dark theme; on ready, the
 * embedded broker starts (without holding up the window, which shows "starting" and then the
 * outcome), IPC is registered, the menu is installed and the window opens;
 * quitting (from the app, or on SIGINT/SIGTERM) stops the broker first so its data is flushed and
 * its port released. The window opens where it was last (window-state.ts), under the platform's
 * application menu (app-menu.ts).
 */
import { app, BrowserWindow, dialog, nativeTheme, session, shell, type WebFrameMain } from 'electron';
import { join } from 'node:path';
import { CONNECTION_SECRETS_FILE_NAME, createDispatcher, createHost, SETTINGS_FILE_NAME, type ClusterFlag, type Host, type HostLogger } from '../host';
import { installAppMenu } from './app-menu';
import { parseMainArgs } from './command-line';
import { registerContractIpc } from './contract-ipc';
import { safeStorageSecretBox } from './safe-storage-box';
import { saveDialogExportDestinations } from './export-save-dialog';
import { forwardHostEvents } from './host-events';
import { createMainWindow, MAIN_WINDOW_SIZE } from './main-window';
import { guardNavigation } from './navigation-guard';
import { isRendererUrl, rendererLocation } from './renderer-location';
import { describeSecondInstance, secondInstanceArgv, secondInstanceData, secondInstanceFlags, secondInstanceNotice } from './second-instance';
import { applySessionPolicy } from './session-policy';
import { WINDOW_STATE_FILE_NAME } from './window-bounds';
import { loadWindowState, rememberWindowState } from './window-state';

const logger: HostLogger = {
  info: (message) => console.log(`INFO ${message}`),
  warn: (message) => console.warn(`WARN ${message}`),
  error: (message) => console.error(`ERROR ${message}`),
};

/** "Open data folder": the platform's file manager; Electron reports a failure as a message, not a rejection. */
async function openInFileManager(path: string): Promise<void> {
  const problem = await shell.openPath(path);
  if (problem) throw new Error(problem);
}

export function runApp(): void {
  // The exact argv goes to the running instance with the lock request (see second-instance.ts).
  if (!app.requestSingleInstanceLock(secondInstanceData(process.argv))) {
    app.quit();
    return;
  }
  app.enableSandbox();
  nativeTheme.themeSource = 'system';
  const args = parseMainArgs(process.argv);
  const location = rendererLocation(app.isPackaged);
  guardNavigation(location);

  let host: Host | null = null;
  let window: BrowserWindow | null = null;
  let brokerStopped = false;

  const openWindow = (activeHost: Host) => {
    const stateFile = join(app.getPath('userData'), WINDOW_STATE_FILE_NAME);
    window = createMainWindow(location, loadWindowState(stateFile, MAIN_WINDOW_SIZE));
    rememberWindowState(window, stateFile, logger.warn);
    forwardHostEvents(activeHost, window);
    window.on('closed', () => (window = null));
  };

  void app.whenReady().then(() => {
    // The command line's values win over the user's settings (settings.json in userData), which win over the defaults.
    host = createHost({
      dataDir: join(app.getPath('userData'), 'data'),
      flags: { port: args.brokerPort ?? undefined, dataDir: args.dataDir ?? undefined },
      settingsFile: join(app.getPath('userData'), SETTINGS_FILE_NAME),
      connectionsDir: app.getPath('userData'),
      secretBox: safeStorageSecretBox(join(app.getPath('userData'), CONNECTION_SECRETS_FILE_NAME)),
      logger,
      exportDestinations: saveDialogExportDestinations(() => window),
      openFolder: openInFileManager,
    });
    applySessionPolicy(session.defaultSession);
    const dispatcher = createDispatcher(host.handlers, {
      onHandlerError: (method, error) => logger.error(`${method} failed in the host: ${String(error)}`),
    });
    const isAppFrame = (frame: WebFrameMain | null) => frame !== null && frame.parent === null && isRendererUrl(location, frame.url);
    registerContractIpc(dispatcher, isAppFrame);
    installAppMenu(() => window);
    openWindow(host);
    const started = host.start();
    if (args.clusterProblem) logger.error(args.clusterProblem);
    if (args.cluster) void started.then(() => openCluster(args.cluster!));
  });

  /** `--cluster NAME=HOST:PORT`, at launch or from a second launch: add that connection and open it. */
  const openCluster = async ({ name, bootstrap }: ClusterFlag) => {
    if (!host) return;
    const opened = await host.openCluster(name, bootstrap);
    if (opened.state === 'failed') logger.error(`could not open the connection "${name}": ${opened.problem ?? 'no details'}`);
  };

  app.on('second-instance', (_event, argv, _workingDirectory, additionalData) => {
    const secondArgv = secondInstanceArgv(argv, additionalData);
    logger.info(describeSecondInstance(secondArgv));
    const cluster = parseMainArgs(secondArgv).cluster;
    if (cluster) void openCluster(cluster);
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
    // Flags the running app cannot apply are said to the user, not only logged.
    if (secondInstanceFlags(secondArgv).length > 0) void dialog.showMessageBox(window, secondInstanceNotice(secondArgv));
  });
  app.on('activate', () => {
    if (host && BrowserWindow.getAllWindows().length === 0) openWindow(host);
  });
  app.on('window-all-closed', () => app.quit());
  // SIGINT (Ctrl+C where `npm start` runs) and SIGTERM (a logout, a process manager) quit through
  // before-quit like the menu does, so the broker stops cleanly; Electron alone does not
  // reliably go through before-quit for them.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
  app.on('before-quit', (event) => {
    if (!host || brokerStopped) return;
    event.preventDefault();
    void host.stop().finally(() => {
      brokerStopped = true;
      app.quit();
    });
  });
}
