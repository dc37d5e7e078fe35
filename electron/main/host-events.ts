/**
 * Forwards the host's push events (already coalesced by the host) to a window, each on its
 * event's own channel. Stops when the window closes.
 */
import type { BrowserWindow } from 'electron';
import { eventChannel } from '../contract';
import type { Host } from '../host';

export function forwardHostEvents(host: Host, window: BrowserWindow): void {
  const unsubscribe = host.onEvent(({ event, payload }) => {
    if (!window.isDestroyed()) window.webContents.send(eventChannel(event), payload);
  });
  window.once('closed', unsubscribe);
}
