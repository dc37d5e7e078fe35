/**
 * The serve-mode WebSocket protocol (JSON text frames), shared by `electron/serve` and the
 * renderer's WebSocket transport.
 *
 * client → host: `{ id, method, payload }`         one call; `id` is echoed back
 * host → client: `{ id, result }`                  `result` is a ContractResult envelope
 * host → client: `{ event, payload }`              a push event
 *
 * A frame that is not JSON or not a request gets `{ id: null, result: { ok: false, … } }`.
 */
import { z } from 'zod';
import { contractResultSchema, type ContractResult } from './contract-error';
import type { ContractEvent } from './contract';

/** Path of the WebSocket endpoint; the token goes in its `token` query parameter. */
export const SERVE_WS_PATH = '/ws';

export const requestIdSchema = z.union([z.string().max(64), z.number().int()]);
export type RequestId = z.infer<typeof requestIdSchema>;

export const wireRequestSchema = z.object({
  id: requestIdSchema,
  method: z.string().max(200),
  payload: z.unknown().optional(),
});
export type WireRequest = z.infer<typeof wireRequestSchema>;

export interface WireResponse {
  id: RequestId | null;
  result: ContractResult<unknown>;
}

export type WireEvent = ContractEvent;

export const wireServerMessageSchema = z.union([
  z.object({ id: requestIdSchema.nullable(), result: contractResultSchema }),
  z.object({ event: z.string(), payload: z.unknown() }),
]);
