/**
 * The typed error every contract call can fail with, and the result envelope that carries either
 * a value or that error across IPC and the serve-mode WebSocket.
 *
 * Handlers never throw across the boundary: the dispatcher turns every failure into an envelope
 * with `ok: false`, so a renderer can switch on `error.code` without parsing messages.
 */
import { z } from 'zod';

/**
 * INVALID_PAYLOAD, UNKNOWN_METHOD, FORBIDDEN: the call never reached a handler.
 * REFUSED: the host understood the call and declined it by a domain rule (an illegal topic name,
 * a config value of the wrong type, …); `message` is the broker's own explanation and `reason`
 * its code (Kafka's error name, e.g. INVALID_TOPIC_EXCEPTION), so the UI can show it as it is.
 * HOST_ERROR: the handler failed unexpectedly.
 */
export const contractErrorCodeSchema = z.enum(['INVALID_PAYLOAD', 'UNKNOWN_METHOD', 'FORBIDDEN', 'REFUSED', 'HOST_ERROR']);
export type ContractErrorCode = z.infer<typeof contractErrorCodeSchema>;

export const contractErrorSchema = z.object({
  code: contractErrorCodeSchema,
  message: z.string(),
  /** One line per schema violation, `path: message`, for INVALID_PAYLOAD. */
  issues: z.array(z.string()).optional(),
  /** For REFUSED: the domain's code for why, e.g. TOPIC_ALREADY_EXISTS. */
  reason: z.string().optional(),
});
export type ContractError = z.infer<typeof contractErrorSchema>;

export type ContractSuccess<T> = { ok: true; value: T };
export type ContractFailure = { ok: false; error: ContractError };
export type ContractResult<T> = ContractSuccess<T> | ContractFailure;

/** Validates the envelope shape only; the value is checked against the method's response schema. */
export const contractResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: contractErrorSchema }),
]);

export function success<T>(value: T): ContractSuccess<T> {
  return { ok: true, value };
}

export function failure(code: ContractErrorCode, message: string, issues?: string[]): ContractFailure {
  return { ok: false, error: issues === undefined ? { code, message } : { code, message, issues } };
}

export function refused(reason: string, message: string): ContractFailure {
  return { ok: false, error: { code: 'REFUSED', message, reason } };
}

/** Renders zod issues as `path: message` lines (`(root)` for the payload itself). */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.');
    return `${path}: ${issue.message}`;
  });
}
