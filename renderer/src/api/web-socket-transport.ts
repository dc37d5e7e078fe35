/**
 * The serve-mode transport: the contract over one WebSocket to the host (wire format in
 * electron/contract/serve-wire.ts), exposed as the same `ContractBridgeApi` the Electron preload
 * gives, plus a HostLink that reports the connection.
 *
 * The socket reconnects on its own with backoff (reconnect-backoff.ts) and reports
 * `disconnected` meanwhile. Calls made while disconnected, or in flight when the socket drops,
 * reject with HostUnreachableError (nothing is queued: the event hub reloads state on reconnect).
 * A call with no answer in `requestTimeoutMs` rejects the same way. A call larger than the host
 * takes in one frame (MAX_REQUEST_FRAME_BYTES; the host closes a socket that sends more) is not
 * sent: it rejects with a RequestTooLargeError saying so.
 */
import {
  createContractClient,
  isEventName,
  wireServerMessageSchema,
  type ContractBridgeApi,
  type ContractResult,
  type EventName,
  type EventSubscriber,
} from '../../../electron/contract';
import { HostUnreachableError, type HostApi, type HostLinkState } from './host-api';
import { reconnectDelay } from './reconnect-backoff';

export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}

export interface WebSocketTransportOptions {
  url: string;
  createSocket?: (url: string) => WebSocketLike;
  requestTimeoutMs?: number;
  delay?: (attempt: number) => number;
}

export interface WebSocketTransport extends HostApi {
  /** Closes the socket for good (no more reconnects). */
  close(): void;
}

const OPEN = 1;

/** The most one frame to the host may hold (serve mode's WebSocket server closes the socket on more). */
export const MAX_REQUEST_FRAME_BYTES = 1024 * 1024;

/** A call too large for one frame: not sent, and the link stays up. */
export class RequestTooLargeError extends Error {
  override name = 'RequestTooLargeError';
}

function utf8Length(text: string): number {
  // Every UTF-16 unit is at most 3 UTF-8 bytes: only long texts need counting.
  return text.length * 3 <= MAX_REQUEST_FRAME_BYTES ? text.length : new TextEncoder().encode(text).length;
}

interface PendingCall {
  resolve(result: ContractResult<unknown>): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

export function createWebSocketTransport(options: WebSocketTransportOptions): WebSocketTransport {
  const createSocket = options.createSocket ?? ((url) => new WebSocket(url) as unknown as WebSocketLike);
  const requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
  const delay = options.delay ?? reconnectDelay;
  const pending = new Map<number, PendingCall>();
  const eventListeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const linkListeners = new Set<(state: HostLinkState) => void>();

  let socket: WebSocketLike | null = null;
  let nextId = 1;
  let failures = 0;
  let closed = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let link: HostLinkState = { status: 'connecting', detail: 'connecting to the Eddy host…' };

  const setLink = (next: HostLinkState) => {
    link = next;
    for (const listener of linkListeners) listener(next);
  };

  const failPending = (reason: string) => {
    for (const [id, call] of pending) {
      clearTimeout(call.timer);
      call.reject(new HostUnreachableError(reason));
      pending.delete(id);
    }
  };

  const onMessage = (data: unknown) => {
    if (typeof data !== 'string') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return;
    }
    const message = wireServerMessageSchema.safeParse(parsed);
    if (!message.success) return;
    if ('event' in message.data) {
      const { event, payload } = message.data;
      if (!isEventName(event)) return;
      for (const listener of eventListeners.get(event) ?? []) listener(payload);
      return;
    }
    const call = typeof message.data.id === 'number' ? pending.get(message.data.id) : undefined;
    if (!call) return;
    pending.delete(message.data.id as number);
    clearTimeout(call.timer);
    call.resolve(message.data.result as ContractResult<unknown>);
  };

  const connect = () => {
    reconnectTimer = null;
    const current = createSocket(options.url);
    socket = current;
    current.onopen = () => {
      failures = 0;
      setLink({ status: 'connected', detail: null });
    };
    current.onmessage = (event) => onMessage(event.data);
    current.onerror = () => {};
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      failPending('the connection to the Eddy host was lost');
      if (closed) return;
      const wait = delay(failures);
      failures += 1;
      setLink({ status: 'disconnected', detail: `retrying in ${Math.max(1, Math.round(wait / 1000))} s` });
      reconnectTimer = setTimeout(connect, wait);
    };
  };

  const invoke = (method: string, request: unknown): Promise<ContractResult<unknown>> =>
    new Promise((resolve, reject) => {
      if (!socket || socket.readyState !== OPEN) {
        reject(new HostUnreachableError('not connected to the Eddy host'));
        return;
      }
      const id = nextId++;
      const frame = JSON.stringify({ id, method, payload: request });
      const bytes = utf8Length(frame);
      if (bytes > MAX_REQUEST_FRAME_BYTES) {
        reject(new RequestTooLargeError(`${method} is ${(bytes / 1048576).toFixed(1)} MiB, more than the ${MAX_REQUEST_FRAME_BYTES / 1048576} MiB one request to the host can carry in serve mode`));
        return;
      }
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new HostUnreachableError(`the Eddy host did not answer ${method} within ${requestTimeoutMs / 1000} s`));
      }, requestTimeoutMs);
      pending.set(id, { resolve, reject, timer });
      socket.send(frame);
    });

  const on: EventSubscriber = (event, listener) => {
    if (!isEventName(event)) throw new Error(`"${String(event)}" is not an event of the Eddy contract`);
    const listeners = eventListeners.get(event) ?? new Set();
    eventListeners.set(event, listeners);
    const forward = listener as (payload: unknown) => void;
    listeners.add(forward);
    return () => {
      listeners.delete(forward);
    };
  };

  connect();

  const contract: ContractBridgeApi = { ...createContractClient(invoke), on };
  return {
    contract,
    maxRequestBytes: MAX_REQUEST_FRAME_BYTES,
    link: {
      current: () => link,
      onChange(listener) {
        linkListeners.add(listener);
        return () => linkListeners.delete(listener);
      },
    },
    close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      socket?.close();
      failPending('the connection to the Eddy host was closed');
    },
  };
}
