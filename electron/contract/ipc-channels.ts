/**
 * Electron IPC channel names for contract methods and events, shared by main and preload so the
 * two cannot drift. One channel per method and per event; there is no generic channel.
 */
import type { EventName, MethodName } from './contract';

export function methodChannel(method: MethodName): string {
  return `eddy:method:${method}`;
}

export function eventChannel(event: EventName): string {
  return `eddy:event:${event}`;
}
