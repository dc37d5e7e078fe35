/**
 * One handler per served API. A handler declares the contiguous version range it serves — every
 * version in it must work, since ApiVersions advertises exactly this range — and turns a decoded
 * request into a response value (or a promise of one; `null` means "send no response", as for
 * acks=0 Produce). Handlers never see bytes: the router decodes and encodes with the generated
 * codecs.
 */
import type { ConnectionIdentity } from '../broker-api';
import type { BrokerState } from '../cluster/broker-state';
import type { ApiDefinition } from '../protocol/generated/index';

export interface HandlerContext {
  readonly broker: BrokerState;
  readonly apiVersion: number;
  readonly correlationId: number;
  readonly clientId: string | null;
  readonly connection: ConnectionIdentity;
  /** The broker's endpoint on the listener this request came through (what Metadata advertises to this client). */
  readonly advertised: { readonly host: string; readonly port: number };
  /**
   * Runs `callback` once this request's response has been handed to the kernel, or will never be
   * (no response, an error, a closed connection): to release memory the response borrows.
   */
  afterResponse(callback: () => void): void;
  /**
   * Tells what this request waits for now (`fsync of orders-0 (acks=all)`), and how long that may
   * take by design (a long poll's max wait), so a request stuck longer is reported (pending-request.ts).
   */
  waitingFor(description: string, expectedMs?: number): void;
}

export interface ApiHandler<Request = unknown, Response = unknown> {
  readonly api: ApiDefinition<Request, Response>;
  readonly minVersion: number;
  readonly maxVersion: number;
  handle(request: Request, context: HandlerContext): Response | null | Promise<Response | null>;
}

/** Declares a handler, checking at start-up that its range lies within the API's known versions. */
export function defineHandler<Request, Response>(handler: ApiHandler<Request, Response>): ApiHandler<Request, Response> {
  const { api, minVersion, maxVersion } = handler;
  if (minVersion < api.validVersions.min || maxVersion > api.validVersions.max || minVersion > maxVersion) {
    throw new Error(`${api.name} handler serves v${minVersion}-${maxVersion}, outside the known v${api.validVersions.min}-${api.validVersions.max}`);
  }
  return handler;
}
