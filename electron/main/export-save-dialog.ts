/**
 * Where the desktop app writes a message export: the user picks the file in the platform's save
 * dialog (attached to the app window), before anything is read; cancelling it starts nothing.
 */
import { app, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { ExportDestinations } from '../host';

export function saveDialogExportDestinations(window: () => BrowserWindow | null): ExportDestinations {
  return {
    async choose(suggestedName) {
      const options = {
        title: 'Export messages',
        defaultPath: join(app.getPath('downloads'), suggestedName),
        filters: suggestedName.endsWith('.csv') ? [{ name: 'CSV', extensions: ['csv'] }] : [{ name: 'JSON Lines', extensions: ['jsonl', 'ndjson'] }],
      };
      const parent = window();
      const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : { path: result.filePath, download: false };
    },
  };
}
