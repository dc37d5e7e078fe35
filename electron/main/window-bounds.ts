/**
 * The window's remembered place (pure; window-state.ts reads and writes it with Electron).
 *
 * Saved as `window-state.json` in the per-user folder: `{ "bounds": {x, y, width, height},
 * "maximized": bool }`, the bounds being the window's normal (not maximized) ones. On start the
 * saved bounds are used only while they are still on a connected display: the window's top strip
 * (where its title bar is, so it can be grabbed and moved) must overlap a display's work area by
 * at least VISIBLE_GRIP px in both directions. Otherwise (a display unplugged, a resolution
 * changed, a file that does not parse) the window opens at its default size, centred (no x/y);
 * the maximized state is kept either way. A size is never below the window's minimum.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SavedWindowState {
  bounds: Rect;
  maximized: boolean;
}

export interface WindowSize {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
}

/** What the window opens with: x and y only when restored, so Electron centres it otherwise. */
export interface RestoredWindowState {
  bounds: { width: number; height: number; x?: number; y?: number };
  maximized: boolean;
}

export const WINDOW_STATE_FILE_NAME = 'window-state.json';
const VISIBLE_GRIP = 48;

const isFiniteInt = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** The saved state, or null when the text is not one (missing fields, wrong types, not JSON). */
export function parseWindowState(text: string): SavedWindowState | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const { bounds, maximized } = value as { bounds?: Partial<Rect>; maximized?: unknown };
  if (!bounds || ![bounds.x, bounds.y, bounds.width, bounds.height].every(isFiniteInt)) return null;
  if ((bounds.width as number) <= 0 || (bounds.height as number) <= 0) return null;
  const rect = { x: Math.round(bounds.x!), y: Math.round(bounds.y!), width: Math.round(bounds.width!), height: Math.round(bounds.height!) };
  return { bounds: rect, maximized: maximized === true };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/** Whether a window at `bounds` can be seen and grabbed on one of the displays' work areas. */
export function isOnAnyDisplay(bounds: Rect, workAreas: readonly Rect[]): boolean {
  const titleStrip: Rect = { x: bounds.x, y: bounds.y, width: bounds.width, height: VISIBLE_GRIP };
  return workAreas.some((area) => {
    const shared = overlap(titleStrip, area);
    return shared.width >= Math.min(VISIBLE_GRIP, bounds.width) && shared.height >= Math.min(VISIBLE_GRIP, bounds.height);
  });
}

export function restoredWindowState(saved: SavedWindowState | null, workAreas: readonly Rect[], size: WindowSize): RestoredWindowState {
  const fallback = { width: size.width, height: size.height };
  if (!saved) return { bounds: fallback, maximized: false };
  if (!isOnAnyDisplay(saved.bounds, workAreas)) return { bounds: fallback, maximized: saved.maximized };
  const { x, y } = saved.bounds;
  return { bounds: { x, y, width: Math.max(size.minWidth, saved.bounds.width), height: Math.max(size.minHeight, saved.bounds.height) }, maximized: saved.maximized };
}
