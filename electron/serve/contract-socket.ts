/**
 * The serve mode's WebSocket endpoint for the contract (wire format: contract/serve-wire.ts).
 *
 * Upgrade is refused before any frame is exchanged unless the path is SERVE_WS_PATH, the `Host`
 * and `Origin` are the server's own loopback origin (else 403) and the `token` query parameter is
 * the run's secret (else 401). After that every text frame is one call, answered with its id;
 * frames that are not JSON or not a call get a typed INVALID_PAYLOAD error, never a crash or a
 * closed socket. Host events are pushed to every open socket; a socket that stops reading (more
 * than MAX_BUFFERED_BYTES queued) misses pushes until it catches up (each push is a full
 * snapshot, so the next one repairs it).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  failure,
  describeIssues,
  SERVE_WS_PATH,
  wireRequestSchema,
  type ContractEvent,
  type RequestId,
  type WireResponse,
} from '../contract';
import type { Dispatcher } from '../host';
import { tokenMatches } from './access-token';
import type { LoopbackOrigin } from './loopback-origin';

const MAX_FRAME_BYTES = 1024 * 1024;
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export interface ContractSocketOptions {
  dispatcher: Dispatcher;
  token: string;
  origin: LoopbackOrigin;
}

export interface ContractSocket {
  /** Give it the HTTP server's `upgrade` events. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Sends a push event to every connected client. */
  broadcast(event: ContractEvent): void;
  /** Closes every client socket. */
  close(): Promise<void>;
}

function refuse(socket: Duplex, status: 401 | 403 | 404, reason: string): void {
  const body = `${reason}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function requestIdOf(message: unknown): RequestId | null {
  if (typeof message !== 'object' || message === null || !('id' in message)) return null;
  const id = (message as { id: unknown }).id;
  return (typeof id === 'string' && id.length <= 64) || Number.isInteger(id) ? (id as RequestId) : null;
}

export function createContractSocket(options: ContractSocketOptions): ContractSocket {
  const server = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  const reply = (client: WebSocket, response: WireResponse) => {
    if (client.readyState === client.OPEN) client.send(JSON.stringify(response));
  };

  const onMessage = async (client: WebSocket, data: RawData, isBinary: boolean) => {
    if (isBinary) {
      reply(client, { id: null, result: failure('INVALID_PAYLOAD', 'binary frames are not supported; send JSON text') });
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      reply(client, { id: null, result: failure('INVALID_PAYLOAD', 'the message is not valid JSON') });
      return;
    }
    const request = wireRequestSchema.safeParse(message);
    if (!request.success) {
      reply(client, {
        id: requestIdOf(message),
        result: failure('INVALID_PAYLOAD', 'a message must be {"id", "method", "payload"}', describeIssues(request.error)),
      });
      return;
    }
    const result = await options.dispatcher.dispatch(request.data.method, request.data.payload);
    reply(client, { id: request.data.id, result });
  };

  server.on('connection', (client) => {
    client.on('message', (data, isBinary) => void onMessage(client, data, isBinary));
    // A protocol violation (e.g. an oversized frame) closes that socket; it must not reach the process.
    client.on('error', () => client.terminate());
  });

  return {
    handleUpgrade(request, socket, head) {
      socket.on('error', () => socket.destroy());
      const url = new URL(request.url ?? '/', options.origin.origin);
      if (url.pathname !== SERVE_WS_PATH) return refuse(socket, 404, 'Not Found');
      if (!options.origin.isAllowedHost(request.headers.host)) return refuse(socket, 403, 'Forbidden host');
      if (!options.origin.isAllowedOrigin(request.headers.origin)) return refuse(socket, 403, 'Forbidden origin');
      if (!tokenMatches(url.searchParams.get('token'), options.token)) return refuse(socket, 401, 'Unauthorized');
      server.handleUpgrade(request, socket, head, (client) => server.emit('connection', client, request));
    },
    broadcast(event) {
      const frame = JSON.stringify(event);
      for (const client of server.clients) {
        if (client.readyState === client.OPEN && client.bufferedAmount <= MAX_BUFFERED_BYTES) client.send(frame);
      }
    },
    close() {
      for (const client of server.clients) client.terminate();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
