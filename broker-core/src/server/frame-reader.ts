/**
 * Splits a TCP byte stream into Kafka request frames: a big-endian int32 size, then that many
 * bytes. A frame that lies inside one received chunk is returned as a view of it (no copy);
 * only a frame spread over several chunks is copied once into a buffer of its exact size, from
 * `allocateFrame` (told the frame's API key when known, so a caller can pool Produce frames).
 *
 * A size below the smallest possible request header (or the reader's own minimum) or above `maxFrameBytes` throws
 * `FrameSizeError` before anything is allocated: the caller closes that connection.
 */

/** apiKey (2) + apiVersion (2) + correlationId (4): no request is shorter. */
const MIN_FRAME_BYTES = 8;

export class FrameSizeError extends Error {
  constructor(readonly size: number, readonly maxFrameBytes: number) {
    super(
      size > maxFrameBytes
        ? `request of ${size} bytes is larger than socket.request.max.bytes (${maxFrameBytes})`
        : `request size ${size} is too small to hold a request header`,
    );
    this.name = 'FrameSizeError';
  }
}

/** Memory for a frame of `length` bytes (size prefix included) of API `apiKey` (-1: not known yet). */
export type FrameAllocator = (length: number, apiKey: number) => Buffer;

const plainAllocator: FrameAllocator = (length) => Buffer.allocUnsafe(length);

export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Size of the frame being collected, or -1 while its size prefix is incomplete. */
  private expected = -1;

  constructor(
    private readonly maxFrameBytes: number,
    private readonly allocateFrame: FrameAllocator = plainAllocator,
    /** Smaller frames are refused; a SASL listener lowers it for raw authentication tokens. */
    private readonly minFrameBytes = MIN_FRAME_BYTES,
  ) {}

  /** Bytes received but not yet returned as part of a frame. */
  get bufferedBytes(): number {
    return this.buffered;
  }

  /** Feeds received bytes; returns the complete frames (without their size prefix), in order. */
  push(chunk: Buffer): Buffer[] {
    const frames: Buffer[] = [];
    if (this.buffered === 0) {
      // Fast path: parse frames straight out of this chunk.
      let offset = 0;
      while (chunk.length - offset >= 4) {
        const size = this.checkedSize(chunk.readInt32BE(offset));
        if (chunk.length - offset - 4 < size) break;
        frames.push(chunk.subarray(offset + 4, offset + 4 + size));
        offset += 4 + size;
      }
      if (offset < chunk.length) this.append(chunk.subarray(offset));
      return frames;
    }
    this.append(chunk);
    for (;;) {
      if (this.expected < 0) {
        if (this.buffered < 4) return frames;
        this.expected = this.checkedSize(this.peekInt32());
      }
      if (this.buffered < 4 + this.expected) return frames;
      const frame = this.take(4 + this.expected, true, this.peekApiKey()).subarray(4);
      this.expected = -1;
      frames.push(frame);
      if (this.buffered > 0 && this.chunks.length === 1) {
        // Hand the rest back to the fast path so later frames in it are not copied.
        const rest = this.chunks[0];
        this.chunks = [];
        this.buffered = 0;
        frames.push(...this.push(rest));
        return frames;
      }
    }
  }

  private checkedSize(size: number): number {
    if (size < this.minFrameBytes || size > this.maxFrameBytes) throw new FrameSizeError(size, this.maxFrameBytes);
    return size;
  }

  private append(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
  }

  /** The API key of the frame being collected, if its first chunk holds it. */
  private peekApiKey(): number {
    const first = this.chunks[0];
    return first.length >= 6 ? first.readInt16BE(4) : -1;
  }

  private peekInt32(): number {
    const first = this.chunks[0];
    if (first.length >= 4) return first.readInt32BE(0);
    return this.take(4, false).readInt32BE(0);
  }

  /** Removes (or, with consume=false, copies without removing) the first `length` bytes. */
  private take(length: number, consume = true, apiKey = -1): Buffer {
    const first = this.chunks[0];
    if (first.length >= length) {
      if (consume) {
        if (first.length === length) this.chunks.shift();
        else this.chunks[0] = first.subarray(length);
        this.buffered -= length;
      }
      return first.subarray(0, length);
    }
    const out = consume ? this.allocateFrame(length, apiKey) : Buffer.allocUnsafe(length);
    let copied = 0;
    let index = 0;
    while (copied < length) {
      const chunk = this.chunks[index];
      const n = Math.min(chunk.length, length - copied);
      chunk.copy(out, copied, 0, n);
      copied += n;
      if (consume) {
        if (n === chunk.length) index++;
        else this.chunks[index] = chunk.subarray(n);
      } else index++;
    }
    if (consume) {
      this.chunks.splice(0, index);
      this.buffered -= length;
    }
    return out;
  }
}
