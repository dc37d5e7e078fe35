/**
 * The serve-mode transport: the contract over one WebSocket to the host (wire format in
 * electron/contract/serve-wire.ts), exposed as the same `ContractBridgeApi` the Electron preload
 * gives, plus a HostLink that reports the connection.
 *
 * The socket reconnects on its own with backoff (reconnect-backoff.ts) and reports
 * `disconnected` meanwhile. Calls made while disconnected, or in flight when the socket drops,
 * reject with HostUnreachableError (nothing is queued: the event hub reloads state on reconnect).
 * A call with no answer in `requestTimeoutMs` rejects the same way.
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
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new HostUnreachableError(`the Eddy host did not answer ${method} within ${requestTimeoutMs / 1000} s`));
      }, requestTimeoutMs);
      pending.set(id, { resolve, reject, timer });
      socket.send(JSON.stringify({ id, method, payload: request }));
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
