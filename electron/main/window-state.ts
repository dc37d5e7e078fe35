/**
 * Remembers the window's size, position and maximized state (window-bounds.ts says the rules) in
 * `window-state.json` in the per-user folder: read once before the window is made; written when
 * the window moves or is resized (debounced), is maximized or restored, and at once when it
 * closes. A write goes to a temp file renamed over the old one, so a crash mid-write leaves the
 * previous state; a file that cannot be written is logged and otherwise ignored.
 */
import { screen, type BrowserWindow } from 'electron';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseWindowState, restoredWindowState, type RestoredWindowState, type SavedWindowState, type WindowSize } from './window-bounds';

const SAVE_DELAY_MS = 500;

export function loadWindowState(file: string, size: WindowSize): RestoredWindowState {
  let saved: SavedWindowState | null;
  try {
    saved = parseWindowState(readFileSync(file, 'utf8'));
  } catch {
    saved = null; // no file yet
  }
  return restoredWindowState(saved, screen.getAllDisplays().map((display) => display.workArea), size);
}

export function rememberWindowState(window: BrowserWindow, file: string, warn: (message: string) => void): void {
  let timer: NodeJS.Timeout | null = null;
  const save = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (window.isDestroyed()) return;
    const state: SavedWindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
    try {
      writeFileSync(`${file}.tmp`, `${JSON.stringify(state)}\n`);
      renameSync(`${file}.tmp`, file);
    } catch (error) {
      warn(`could not remember the window's place in ${file}: ${String(error)}`);
    }
  };
  const saveSoon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  };
  window.on('move', saveSoon);
  window.on('resize', saveSoon);
  window.on('maximize', save);
  window.on('unmaximize', save);
  window.on('close', save);
}
