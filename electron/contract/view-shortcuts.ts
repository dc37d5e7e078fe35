/**
 * The console's main views and their keyboard shortcuts, shared by the renderer (which handles the
 * keys, so they work in serve mode too) and the desktop app's "Go" menu (which shows them).
 * `digit` is pressed with Ctrl (Cmd on macOS): Ctrl+1 is the Broker view, and so on, in the
 * sidebar's order.
 */
export interface ViewShortcut {
  view: 'broker' | 'topics' | 'groups' | 'messages' | 'dead-letters' | 'settings';
  label: string;
  digit: number;
}

export const VIEW_SHORTCUTS: readonly ViewShortcut[] = [
  { view: 'broker', label: 'Broker', digit: 1 },
  { view: 'topics', label: 'Topics', digit: 2 },
  { view: 'groups', label: 'Consumer groups', digit: 3 },
  { view: 'messages', label: 'Messages', digit: 4 },
  { view: 'dead-letters', label: 'Dead letters', digit: 5 },
  { view: 'settings', label: 'Settings', digit: 6 },
];

/** How the shortcut reads on this platform: `⌘1` on macOS, `Ctrl+1` elsewhere. */
export function viewShortcutText(digit: number, mac: boolean): string {
  return mac ? `⌘${digit}` : `Ctrl+${digit}`;
}
