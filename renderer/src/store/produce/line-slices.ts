/**
 * Reads a JSON Lines file (a Blob) as slices of whole lines, numbered from 1, for
 * `produce.importLines`: at most `maxLines` lines and about `maxChars` characters (as JSON text,
 * which is how they travel) per slice. The file is read a chunk at a time and never held whole;
 * the caller awaits each slice's sending before the next is read, which is the import's
 * backpressure.
 *
 * Lines end at `\n` (a `\r` before it is dropped). A line whose bytes are not UTF-8 or that is
 * too long to send is not sent: an empty line goes in its place (the host skips blank lines, so
 * the numbering stays) and it is reported in `badLines` with the reason.
 */

export interface LineSlice {
  /** The number of `lines[0]` in the file (1-based). */
  firstLine: number;
  lines: string[];
  /** Bytes of the file read so far. */
  bytesRead: number;
  /** Lines of this slice that were not sent, by number. */
  badLines: Array<{ line: number; reason: string }>;
}

export interface SliceLimits {
  maxLines: number;
  /** Characters of one slice as JSON text (lines are escaped on the way); a longer line is a bad line. */
  maxChars: number;
}

const NEWLINE = 0x0a;

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}

export async function* lineSlices(blob: Blob, limits: SliceLimits): AsyncGenerator<LineSlice> {
  const reader = blob.stream().getReader();
  const strict = new TextDecoder('utf-8', { fatal: true });
  let carry: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  let bytesRead = 0;
  let nextLine = 1;
  let slice: LineSlice = { firstLine: 1, lines: [], bytesRead: 0, badLines: [] };
  let sliceChars = 0;

  const take = (text: string | null, reason: string | null): LineSlice | null => {
    const number = nextLine++;
    let line = text ?? '';
    let why = reason;
    const chars = text === null ? 2 : JSON.stringify(line).length + 1;
    if (why === null && chars > limits.maxChars) {
      why = `the line is ${line.length.toLocaleString('en-US')} characters long, more than the ${limits.maxChars.toLocaleString('en-US')} one request to the host can carry`;
      line = '';
    }
    let full: LineSlice | null = null;
    if (slice.lines.length > 0 && (slice.lines.length >= limits.maxLines || sliceChars + chars > limits.maxChars)) {
      full = slice;
      slice = { firstLine: number, lines: [], bytesRead, badLines: [] };
      sliceChars = 0;
    }
    if (slice.lines.length === 0) slice.firstLine = number;
    slice.lines.push(line);
    sliceChars += why === null ? chars : 2;
    if (why !== null) slice.badLines.push({ line: number, reason: why });
    return full;
  };

  const decodeLine = (bytes: Uint8Array): { text: string | null; reason: string | null } => {
    const end = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
    try {
      return { text: strict.decode(bytes.subarray(0, end)), reason: null };
    } catch {
      return { text: null, reason: 'the line is not UTF-8 text' };
    }
  };

  for (;;) {
    const { done, value } = await reader.read();
    if (value) bytesRead += value.length;
    const bytes = value ? concat(carry, value) : carry;
    const lastNewline = done ? bytes.length : bytes.lastIndexOf(NEWLINE);
    if (lastNewline === -1) {
      carry = bytes;
      continue;
    }
    let start = 0;
    while (start < lastNewline || (done && start < bytes.length)) {
      let end = bytes.indexOf(NEWLINE, start);
      if (end === -1 || end > lastNewline) end = lastNewline;
      const { text, reason } = decodeLine(bytes.subarray(start, end));
      const full = take(text, reason);
      if (full) yield { ...full, bytesRead };
      start = end + 1;
    }
    carry = done ? new Uint8Array(0) : bytes.slice(lastNewline + 1);
    if (done) break;
  }
  if (slice.lines.length > 0) yield { ...slice, bytesRead };
}
