/**
 * Thrown when bytes from the wire cannot be decoded: truncated input, a length that does not fit
 * in what remains, a null where the schema forbids one, a malformed varint, an unsupported version.
 *
 * Decoders never let a `RangeError` (or any other error) escape for bad input; callers can treat
 * every `ProtocolDecodeError` as "the peer sent garbage" and everything else as a bug.
 */
export class ProtocolDecodeError extends Error {
  /** Byte offset in the reader's buffer where the failing read started. */
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(`${message} (at offset ${offset})`);
    this.name = 'ProtocolDecodeError';
    this.offset = offset;
  }
}
