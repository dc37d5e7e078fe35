/**
 * A request read from a connection and not yet answered: which one it is, since when, and what it
 * waits for. Handlers say what they wait for (`waitingFor`: a log write, an fsync, a long poll, a
 * rebalance) and how long such a wait may take by design (a Fetch's `max_wait_ms`, a JoinGroup's
 * rebalance timeout), so that a request waiting longer than that plus the broker's stall bound
 * (`request.stall.log.ms`) is known to be stuck: the connection logs it once, and the console's
 * connections table shows it. A stall is never silent.
 */
import { getApiDefinition } from '../protocol/generated/index';
import type { RouteResult } from './client-connection';

/** What a handler tells about the request it is working on. */
export interface RequestProgress {
  /** What the request waits for now, in words; `expectedMs`: how long that may take by design. */
  waitingFor(description: string, expectedMs?: number): void;
}

/** The oldest unanswered request of a connection, as `Broker.connections()` shows it. */
export interface PendingRequestInfo {
  /** The API's name (`Produce`), or `API <key>` for one not known. */
  api: string;
  apiVersion: number;
  correlationId: number;
  /** Epoch milliseconds when the broker read it. */
  receivedAt: number;
  /** What it waits for, e.g. `fsync of orders-0 (acks=all)`. */
  waitingFor: string;
  /** Set once it has waited longer than its expected wait plus the stall bound. */
  stalled: boolean;
}

export class PendingRequest implements RequestProgress {
  /** The response is ready (it may still wait for earlier ones to go first). */
  done = false;
  response: RouteResult = null;
  private waitDescription = 'its handler';
  private expectedMs = 0;
  private stallReported = false;

  constructor(
    readonly apiKey: number,
    readonly apiVersion: number,
    readonly correlationId: number,
    readonly receivedAt: number,
  ) {}

  /** Reads the request header's first fields (the frame is at least 8 bytes: FrameReader checks). */
  static of(frame: Buffer, now: number): PendingRequest {
    // A raw SASL token (after SaslHandshake v0) has no request header and may be shorter than one.
    if (frame.length < 8) return new PendingRequest(-1, -1, -1, now);
    return new PendingRequest(frame.readInt16BE(0), frame.readInt16BE(2), frame.readInt32BE(4), now);
  }

  waitingFor(description: string, expectedMs = 0): void {
    this.waitDescription = description;
    this.expectedMs = Math.max(0, expectedMs);
  }

  get apiName(): string {
    return getApiDefinition(this.apiKey)?.name ?? `API ${this.apiKey}`;
  }

  isStalled(now: number, stallBoundMs: number): boolean {
    return now - this.receivedAt > this.expectedMs + stallBoundMs;
  }

  /** True the first time the request is found stalled (it is logged once). */
  reportStall(now: number, stallBoundMs: number): boolean {
    if (this.stallReported || !this.isStalled(now, stallBoundMs)) return false;
    this.stallReported = true;
    return true;
  }

  describeWait(now: number): string {
    const seconds = ((now - this.receivedAt) / 1000).toFixed(1);
    return `${this.apiName} v${this.apiVersion} request (correlation id ${this.correlationId}) unanswered for ${seconds} s, waiting for ${this.waitDescription}`;
  }

  info(now: number, stallBoundMs: number): PendingRequestInfo {
    return {
      api: this.apiName,
      apiVersion: this.apiVersion,
      correlationId: this.correlationId,
      receivedAt: this.receivedAt,
      waitingFor: this.waitDescription,
      stalled: this.isStalled(now, stallBoundMs),
    };
  }
}
