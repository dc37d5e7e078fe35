/**
 * One client's TCP connection: reads frames, hands each to the request router, and writes the
 * responses back in request order even when handlers finish out of order (Kafka clients match
 * responses to requests by position as well as correlation id).
 *
 * A request the router answers with `null` (acks=0 Produce) takes no place in the order.
 * A `ConnectionFatalError` from the router, or a frame of an impossible size, closes this one
 * connection after logging one line; every other connection keeps being served.
 * While more than `maxInFlight` (default 256) responses wait, or the client does not read what was sent
 * (the socket's send buffer is full), the socket stops being read, so one client cannot make the
 * broker buffer without bound; it is read again as soon as neither holds.
 *
 * Every unanswered request is tracked (pending-request.ts): `describe()` shows the oldest, what it
 * waits for and whether reading is paused, and `reportStalls()` logs, once each, the requests that
 * have waited longer than they should.
 */
import type { Socket } from 'node:net';
import type { BrokerLogger, ConnectionIdentity } from '../broker-api';
import { ProduceApi } from '../protocol/generated/index';
import { FrameReader, FrameSizeError } from './frame-reader';
import { PendingRequest, type PendingRequestInfo, type RequestProgress } from './pending-request';

/** Thrown by the router when the connection must be closed (malformed or unsupported request). */
export class ConnectionFatalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionFatalError';
  }
}

/**
 * The listener a connection came through: Kafka's listener name, its security protocol, and the
 * endpoint Metadata advertises to clients connected through it (each listener answers with its own).
 */
export interface ConnectionListener {
  readonly name: string;
  readonly securityProtocol: NonNullable<ConnectionIdentity['securityProtocol']>;
  readonly advertised: { readonly host: string; readonly port: number };
  /** A SASL listener: raw authentication tokens (after SaslHandshake v0) may be shorter than a request header. */
  readonly rawTokens?: boolean;
}

export interface RequestContext {
  readonly connection: ConnectionIdentity;
  /** Records the client.id of the request being handled. */
  setClientId(clientId: string | null): void;
  /** The listener this connection came through; absent: the broker's default endpoint. */
  readonly listener?: ConnectionListener;
  /** Ends the connection once what was written has left (after a failed authentication's answer). */
  endConnection?(): void;
}

/** A response frame, whole or as consecutive chunks (large record runs by reference). */
export type ResponseFrame = Buffer | Buffer[];

/**
 * A response frame whose memory is borrowed (pooled read buffers): `onSent` gives it back once
 * the frame has been handed to the kernel, or dropped because the connection closed.
 */
export class BorrowedResponse {
  constructor(
    readonly frame: ResponseFrame,
    readonly onSent: () => void,
  ) {}
}

/** null: no response (acks=0 Produce). */
export type RouteResult = ResponseFrame | BorrowedResponse | null;

export interface RequestRouter {
  /**
   * Returns the whole response frame (size prefix included), or null for no response. `progress`
   * is this request's: handlers tell through it what an unanswered request waits for.
   */
  route(frame: Buffer, context: RequestContext, progress: RequestProgress): RouteResult | Promise<RouteResult>;
}

/** Why a connection is not being read. */
export type ReadPause = 'client-not-reading' | 'too-many-in-flight';

/** What `describe()` adds to a connection's identity: its unanswered requests. */
export interface ConnectionActivity {
  /** Requests read and not yet answered (including answers waiting for earlier ones to go first). */
  pendingRequests: number;
  oldestPendingRequest: PendingRequestInfo | null;
  readPaused: ReadPause | null;
}

/** Requests a connection may have unanswered before the broker stops reading it (its read-ahead). */
export const DEFAULT_MAX_IN_FLIGHT = 256;

/**
 * Reusable memory for request frames (the broker's read buffer pool). Only Produce frames use it:
 * nothing keeps a view of one once its response is sent (the log has written the records by
 * then), whereas other requests' decoded values may hold views of their frame for longer.
 */
export interface FrameMemory {
  lease(): { alloc(length: number): Buffer; release(): void };
}

interface FrameLease {
  memory: Buffer;
  release(): void;
}

/** A response whose sending (or dropping) also gives back the pooled memory of its request frame. */
function lendsFrame(response: RouteResult, release: () => void): RouteResult {
  if (response === null) {
    release();
    return null;
  }
  if (response instanceof BorrowedResponse) {
    return new BorrowedResponse(response.frame, () => {
      response.onSent();
      release();
    });
  }
  return new BorrowedResponse(response, release);
}

function releaseUnsent(response: RouteResult): void {
  if (response instanceof BorrowedResponse) response.onSent();
}

export class ClientConnectionHandler {
  readonly info: ConnectionIdentity;
  private readonly frames: FrameReader;
  /** Unanswered requests in arrival order; responses leave from the front. */
  private readonly queue: PendingRequest[] = [];
  private closed = false;
  private paused = false;
  /** A socket write returned false: the kernel's send buffer is full until 'drain'. */
  private socketFull = false;
  /** Pooled memory handed to the frame reader during one push, matched to its frames after. */
  private readonly frameLeases: FrameLease[] = [];
  private corked = false;
  private readonly context: RequestContext;

  constructor(
    private readonly socket: Socket,
    id: number,
    maxRequestBytes: number,
    private readonly router: RequestRouter,
    private readonly logger: BrokerLogger,
    private readonly onClose: (handler: ClientConnectionHandler) => void,
    frameMemory?: FrameMemory,
    private readonly maxInFlight = DEFAULT_MAX_IN_FLIGHT,
    listener?: ConnectionListener,
  ) {
    this.info = {
      id,
      remoteAddress: socket.remoteAddress ?? 'unknown',
      remotePort: socket.remotePort ?? 0,
      clientId: null,
      connectedAt: Date.now(),
      requestCount: 0,
    };
    if (listener) {
      this.info.listenerName = listener.name;
      this.info.securityProtocol = listener.securityProtocol;
      if (!listener.rawTokens) this.info.principal = 'User:ANONYMOUS';
    }
    this.frames = new FrameReader(maxRequestBytes, (length, apiKey) => {
      if (apiKey !== ProduceApi.apiKey || !frameMemory) return Buffer.allocUnsafe(length);
      const lease = frameMemory.lease();
      const memory = lease.alloc(length);
      this.frameLeases.push({ memory, release: () => lease.release() });
      return memory;
    }, listener?.rawTokens ? 0 : undefined);
    this.context = {
      connection: this.info,
      setClientId: (clientId) => {
        this.info.clientId = clientId;
      },
      listener,
      endConnection: () => this.end(),
    };
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('drain', () => {
      this.socketFull = false;
      this.resumeIfDrained();
    });
    socket.on('error', (error) => {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET' && (error as NodeJS.ErrnoException).code !== 'EPIPE') {
        this.logger.warn(`connection ${this.describe()}: ${error.message}`);
      }
    });
    socket.on('close', () => {
      this.closed = true;
      for (const lease of this.frameLeases.splice(0)) lease.release();
      for (const request of this.queue.splice(0)) if (request.done) releaseUnsent(request.response);
      this.onClose(this);
    });
  }

  /**
   * Ends the connection gracefully once everything written has left (the client reads the last
   * answer, then sees the close); no further request is read. A client that does not close its
   * side within a second is cut off.
   */
  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.end();
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  /** Closes the socket; pending responses are dropped. */
  close(): void {
    this.socket.destroy();
  }

  /** The unanswered requests now: how many, the oldest (stalled past `stallBoundMs`?), and whether reading is paused. */
  activity(now: number, stallBoundMs: number): ConnectionActivity {
    const oldest = this.queue.find((request) => !request.done) ?? null;
    return {
      pendingRequests: this.queue.length,
      oldestPendingRequest: oldest ? oldest.info(now, stallBoundMs) : null,
      readPaused: !this.paused ? null : this.socketFull ? 'client-not-reading' : 'too-many-in-flight',
    };
  }

  /** Logs, once each, the requests unanswered for longer than their expected wait plus `stallBoundMs`. */
  reportStalls(now: number, stallBoundMs: number): void {
    for (const request of this.queue) {
      if (!request.done && request.reportStall(now, stallBoundMs)) {
        this.logger.warn(`connection ${this.describe()}: ${request.describeWait(now)}; the client may time out and send it again`);
      }
    }
  }

  private describe(): string {
    const who = `${this.info.remoteAddress}:${this.info.remotePort}`;
    return this.info.clientId ? `${who} (client.id ${this.info.clientId})` : who;
  }

  private onData(chunk: Buffer): void {
    let frames: Buffer[];
    try {
      frames = this.frames.push(chunk);
    } catch (error) {
      for (const lease of this.frameLeases.splice(0)) lease.release();
      this.fail(error);
      return;
    }
    for (const frame of frames) {
      const release = this.frameLeases.length > 0 ? this.takeFrameLease(frame) : null;
      if (this.closed) {
        release?.();
        continue;
      }
      this.handleFrame(frame, release);
    }
  }

  /** The release of the pooled memory `frame` lies in, if it does. */
  private takeFrameLease(frame: Buffer): (() => void) | null {
    const index = this.frameLeases.findIndex((lease) => lease.memory.buffer === frame.buffer && lease.memory.byteOffset + 4 === frame.byteOffset);
    return index < 0 ? null : this.frameLeases.splice(index, 1)[0].release;
  }

  private handleFrame(frame: Buffer, release: (() => void) | null): void {
    this.info.requestCount++;
    const pending = PendingRequest.of(frame, Date.now());
    let result: RouteResult | Promise<RouteResult>;
    try {
      result = this.router.route(frame, this.context, pending);
    } catch (error) {
      release?.();
      this.fail(error);
      return;
    }
    if (release && result instanceof Promise) {
      result = result.then(
        (response) => lendsFrame(response, release),
        (error: unknown) => {
          release();
          throw error;
        },
      );
    } else if (release) {
      result = lendsFrame(result as RouteResult, release);
    }
    if (result instanceof Promise) {
      this.queue.push(pending);
      this.pauseIfBacklogged();
      result.then(
        (response) => {
          if (this.closed) {
            releaseUnsent(response);
            return;
          }
          pending.done = true;
          pending.response = response;
          this.flush();
        },
        (error: unknown) => this.fail(error),
      );
    } else if (this.queue.length === 0) {
      if (result) this.write(result);
    } else {
      pending.done = true;
      pending.response = result;
      this.queue.push(pending);
      this.flush();
    }
  }

  private flush(): void {
    while (this.queue.length > 0 && this.queue[0].done) {
      const answered = this.queue.shift()!;
      if (answered.response) this.write(answered.response);
    }
    this.resumeIfDrained();
  }

  private write(response: ResponseFrame | BorrowedResponse): void {
    if (this.closed) {
      releaseUnsent(response);
      return;
    }
    const borrowed = response instanceof BorrowedResponse ? response : null;
    const frame = borrowed ? borrowed.frame : (response as ResponseFrame);
    // Writes complete in order, so the last chunk's callback means the whole frame has left
    // (or failed, the socket being destroyed): either way its memory is no longer needed.
    const sent = borrowed ? () => borrowed.onSent() : undefined;
    this.corkForThisTick();
    let flowing: boolean;
    if (Array.isArray(frame)) {
      this.socket.cork();
      flowing = true;
      const last = frame.length - 1;
      for (let i = 0; i <= last; i++) flowing = this.socket.write(frame[i], i === last ? sent : undefined) && flowing;
      this.socket.uncork();
      if (last < 0) sent?.();
    } else {
      flowing = this.socket.write(frame, sent);
    }
    if (!flowing) {
      this.socketFull = true;
      this.pauseIfBacklogged();
    }
  }

  /**
   * Responses written in the same tick (acknowledgements of one log write, answers to pipelined
   * requests) leave in one system call: corked now, uncorked once this tick's code has run.
   */
  private corkForThisTick(): void {
    if (this.corked) return;
    this.corked = true;
    this.socket.cork();
    process.nextTick(() => {
      this.corked = false;
      this.socket.uncork();
    });
  }

  /**
   * Stops reading requests while the client does not read its responses (the socket's send
   * buffer is full) or too many responses are still being worked on.
   */
  private pauseIfBacklogged(): void {
    if (!this.paused && (this.socketFull || this.queue.length > this.maxInFlight)) {
      this.paused = true;
      this.socket.pause();
    }
  }

  /**
   * Reads again once neither reason holds. Only a write that returned false is followed by a
   * 'drain' event, so that is the one reason waited for with it; the backlog is checked here
   * whenever responses leave the queue (waiting for the send buffer to be empty instead would
   * wait for a 'drain' that never comes: a connection with more than `maxInFlight`
   * requests in flight stopped being read for good).
   */
  private resumeIfDrained(): void {
    if (this.paused && !this.socketFull && this.queue.length <= this.maxInFlight) {
      this.paused = false;
      this.socket.resume();
    }
  }

  private fail(error: unknown): void {
    if (this.closed) return;
    const reason = error instanceof ConnectionFatalError || error instanceof FrameSizeError ? error.message : `internal error: ${(error as Error)?.stack ?? String(error)}`;
    this.logger.warn(`closing connection ${this.describe()}: ${reason}`);
    this.closed = true;
    this.socket.destroy();
  }
}
