/**
 * Builds fuzz cases: a valid request from random field values (encoded by the broker's codec),
 * then mutated. A `TrackingWriter` remembers where the encoder put every length and count field
 * (string/bytes lengths, array counts, tagged-field counts and sizes, in any API), so the
 * "length" mutation hits exactly those with huge, negative and off-by-one values. Mutations that
 * change a frame's length re-patch its int32 size prefix, so the broker's decoders see them and
 * not only its framing — except the ones aimed at the framing itself.
 */
import { API_DEFINITIONS, getApiDefinition, requestHeaderVersion } from '../../src/protocol/generated/index';
import { writeRequestHeader } from '../../src/protocol/headers';
import { ProtocolWriter } from '../../src/protocol/primitives/writer';
import type { ServedApi } from './kafka-wire';
import type { Random } from './prng';
import { messageSpec, RandomValueBuilder } from './random-values';

export type LengthKind = 'int16' | 'int32' | 'uvarint';

interface LengthField {
  offset: number;
  kind: LengthKind;
}

/** A ProtocolWriter that records the position and width of every length/count it writes. */
export class TrackingWriter extends ProtocolWriter {
  readonly lengths: LengthField[] = [];
  private mark(kind: LengthKind): void {
    this.lengths.push({ offset: this.length, kind });
  }
  override writeString(value: string): void {
    this.mark('int16');
    super.writeString(value);
  }
  override writeNullableString(value: string | null): void {
    if (value === null) this.mark('int16');
    super.writeNullableString(value);
  }
  override writeCompactString(value: string): void {
    this.mark('uvarint');
    super.writeCompactString(value);
  }
  override writeCompactNullableString(value: string | null): void {
    if (value === null) this.mark('uvarint');
    super.writeCompactNullableString(value);
  }
  override writeBytes(value: Uint8Array): void {
    this.mark('int32');
    super.writeBytes(value);
  }
  override writeNullableBytes(value: Uint8Array | null): void {
    if (value === null) this.mark('int32');
    super.writeNullableBytes(value);
  }
  override writeCompactBytes(value: Uint8Array): void {
    this.mark('uvarint');
    super.writeCompactBytes(value);
  }
  override writeCompactNullableBytes(value: Uint8Array | null): void {
    if (value === null) this.mark('uvarint');
    super.writeCompactNullableBytes(value);
  }
  override writeArrayLength(length: number): void {
    this.mark('int32');
    super.writeArrayLength(length);
  }
  override writeCompactArrayLength(length: number): void {
    this.mark('uvarint');
    super.writeCompactArrayLength(length);
  }
  override writeEmptyTaggedFields(): void {
    this.mark('uvarint');
    super.writeEmptyTaggedFields();
  }
  override beginTaggedField(): number {
    this.mark('uvarint');
    return super.beginTaggedField();
  }
}

export type CaseKind = 'valid' | 'mutated' | 'wrong-header-version' | 'random-api' | 'garbage';

export interface FuzzCase {
  iteration: number;
  kind: CaseKind;
  /** e.g. `Metadata v9 + length(int32→-1 @31) + bitflip` */
  description: string;
  /** The API and version the case was built for (before mutation). */
  apiKey: number;
  apiName: string;
  version: number;
  /** Bytes to write (one or more frames, or garbage). */
  bytes: Buffer;
  /** A valid, unmutated request: the broker must answer it. */
  wellFormed: boolean;
  /** Write in several small pieces, to exercise frame reassembly. */
  chunked: boolean;
}

const INT16_EDGES = [-1, -2, -32768, 32767, 0, 1];
const INT32_EDGES = [-1, -2, -2147483648, 2147483647, 0x10000000, 0x7ffffff0, 1_000_000];
const UVARINT_EDGES = [0, 1, 0x7f, 0x80, 0x3fff, 0xfffffff, 0xffffffff, 0x7fffffff];
const INTERESTING_BYTES = [0x00, 0xff, 0x7f, 0x80, 0x01, 0xfe];

function uvarintBytes(value: number): Buffer {
  const out: number[] = [];
  let v = value >>> 0;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
  return Buffer.from(out);
}

function uvarintWidth(bytes: Buffer, offset: number): number {
  let n = 0;
  while (offset + n < bytes.length && n < 5) {
    if (bytes[offset + n++] < 0x80) break;
  }
  return Math.max(n, 1);
}

/** Re-patches the int32 size prefix of a single frame after its body changed. */
function withSize(frame: Buffer): Buffer {
  frame.writeInt32BE(frame.length - 4, 0);
  return frame;
}

function mutateOnce(frame: Buffer, lengths: readonly LengthField[], rnd: Random, served: readonly ServedApi[]): { frame: Buffer; what: string } {
  const op = rnd.weighted([
    [4, 'length'],
    [3, 'bitflip'],
    [2, 'byte'],
    [2, 'truncate'],
    [1.5, 'extend'],
    [1, 'insert'],
    [1, 'delete'],
    [1, 'int'],
    [1, 'api-version'],
    [0.6, 'api-key'],
    [0.6, 'frame-size'],
  ] as const);
  const bodyStart = 4;
  switch (op) {
    case 'length': {
      const candidates = lengths.filter((l) => l.offset + (l.kind === 'int16' ? 2 : l.kind === 'int32' ? 4 : 1) <= frame.length);
      if (candidates.length === 0) return mutateOnce(frame, [], rnd, served);
      const field = rnd.pick(candidates);
      if (field.kind === 'int16') {
        const old = frame.readInt16BE(field.offset);
        const value = rnd.pick([...INT16_EDGES, old + 1, old - 1, old * 2 + 7].filter((v) => v >= -32768 && v <= 32767));
        frame.writeInt16BE(value, field.offset);
        return { frame, what: `length(int16 ${old}→${value} @${field.offset})` };
      }
      if (field.kind === 'int32') {
        const old = frame.readInt32BE(field.offset);
        const value = rnd.pick([...INT32_EDGES, old + 1, old - 1].filter((v) => v >= -2147483648 && v <= 2147483647));
        frame.writeInt32BE(value, field.offset);
        return { frame, what: `length(int32 ${old}→${value} @${field.offset})` };
      }
      const width = uvarintWidth(frame, field.offset);
      const value = rnd.pick(UVARINT_EDGES);
      const next = Buffer.concat([frame.subarray(0, field.offset), uvarintBytes(value), frame.subarray(field.offset + width)]);
      return { frame: withSize(next), what: `length(uvarint→${value} @${field.offset})` };
    }
    case 'bitflip': {
      const n = rnd.int(1, 4);
      for (let i = 0; i < n; i++) {
        const at = rnd.int(bodyStart, frame.length - 1);
        frame[at] ^= 1 << rnd.int(0, 7);
      }
      return { frame, what: `bitflip×${n}` };
    }
    case 'byte': {
      const n = rnd.int(1, 3);
      for (let i = 0; i < n; i++) frame[rnd.int(bodyStart, frame.length - 1)] = rnd.chance(0.7) ? rnd.pick(INTERESTING_BYTES) : rnd.int(0, 255);
      return { frame, what: `byte×${n}` };
    }
    case 'int': {
      // Overwrite an aligned-anywhere int16/int32 with an edge value.
      if (frame.length < 12) return { frame, what: 'int(skipped)' };
      const wide = rnd.chance(0.5);
      const at = rnd.int(bodyStart, frame.length - (wide ? 4 : 2));
      if (wide) frame.writeInt32BE(rnd.pick(INT32_EDGES), at);
      else frame.writeInt16BE(rnd.pick(INT16_EDGES), at);
      return { frame, what: `int${wide ? 32 : 16}@${at}` };
    }
    case 'truncate': {
      const keep = rnd.int(bodyStart, frame.length - 1);
      return { frame: withSize(Buffer.from(frame.subarray(0, keep))), what: `truncate(${frame.length - 4}→${keep - 4})` };
    }
    case 'extend': {
      const extra = rnd.bytes(rnd.chance(0.9) ? rnd.int(1, 16) : rnd.int(100, 2000));
      return { frame: withSize(Buffer.concat([frame, extra])), what: `extend(+${extra.length})` };
    }
    case 'insert': {
      const at = rnd.int(bodyStart, frame.length);
      const extra = rnd.chance(0.5) ? Buffer.from([rnd.pick(INTERESTING_BYTES)]) : rnd.bytes(rnd.int(1, 8));
      return { frame: withSize(Buffer.concat([frame.subarray(0, at), extra, frame.subarray(at)])), what: `insert(${extra.length}@${at})` };
    }
    case 'delete': {
      if (frame.length <= bodyStart + 1) return { frame, what: 'delete(skipped)' };
      const at = rnd.int(bodyStart, frame.length - 1);
      const n = rnd.int(1, Math.min(8, frame.length - at));
      return { frame: withSize(Buffer.concat([frame.subarray(0, at), frame.subarray(at + n)])), what: `delete(${n}@${at})` };
    }
    case 'api-version': {
      if (frame.length < 8) return { frame, what: 'api-version(skipped)' };
      const current = frame.readInt16BE(6);
      const api = served.find((s) => s.apiKey === frame.readInt16BE(4));
      const value = rnd.pick([-1, -32768, 32767, current + 1, (api?.maxVersion ?? current) + 1, (api?.minVersion ?? 0) - 1, rnd.int(0, 20)].filter((v) => v >= -32768 && v <= 32767));
      frame.writeInt16BE(value, 6);
      return { frame, what: `api-version(${current}→${value})` };
    }
    case 'api-key': {
      if (frame.length < 8) return { frame, what: 'api-key(skipped)' };
      const value = rnd.weighted([
        [2, rnd.pick(API_DEFINITIONS).apiKey],
        [1, rnd.pick([-1, -32768, 32767, 1000, 99])],
        [1, rnd.pick(served).apiKey],
      ] as const);
      frame.writeInt16BE(value, 4);
      return { frame, what: `api-key(${value})` };
    }
    case 'frame-size': {
      const actual = frame.length - 4;
      const value = rnd.pick([-1, -2147483648, 0, 3, 7, 2147483647, 104857601, actual + 1, actual - 1, actual + rnd.int(2, 100), 0x01000000]);
      frame.writeInt32BE(value, 0);
      return { frame, what: `frame-size(${actual}→${value})` };
    }
  }
}

/** A valid request frame for (api, version) with random field values, and where its lengths are. */
export function validRequest(
  apiKey: number,
  version: number,
  correlationId: number,
  rnd: Random,
  headerVersion?: number,
): { frame: Buffer; lengths: LengthField[] } {
  const api = getApiDefinition(apiKey);
  if (!api) throw new Error(`unknown API key ${apiKey}`);
  const spec = messageSpec(`${api.name}Request`);
  if (!spec) throw new Error(`no message definition for ${api.name}Request`);
  const body = new RandomValueBuilder(spec, rnd).build(version);
  const writer = new TrackingWriter(128);
  const size = writer.beginSizePrefix();
  const clientId = rnd.weighted([
    [6, 'eddy-fuzz'],
    [1, null],
    [1, ''],
    [1, 'é字😀'],
  ] as const);
  writeRequestHeader(writer, headerVersion ?? requestHeaderVersion(apiKey, version), { apiKey, apiVersion: version, correlationId, clientId });
  api.encodeRequest(writer, version, body);
  writer.endSizePrefix(size);
  return { frame: Buffer.from(writer.finish()), lengths: writer.lengths };
}

/** Builds the case for one iteration: deterministic in (rnd's seed/stream, served). */
export function buildCase(iteration: number, rnd: Random, served: readonly ServedApi[]): FuzzCase {
  const correlationId = iteration & 0x3fffffff;
  const kind = rnd.weighted([
    [12, 'valid'],
    [76, 'mutated'],
    [4, 'wrong-header-version'],
    [5, 'random-api'],
    [3, 'garbage'],
  ] as const);
  const chunked = rnd.chance(0.08);

  if (kind === 'garbage') {
    const flavour = rnd.pick(['random', 'size-only', 'tiny-frame', 'many-tiny'] as const);
    let bytes: Buffer;
    if (flavour === 'random') bytes = rnd.bytes(rnd.int(1, 64));
    else if (flavour === 'size-only') bytes = Buffer.from([0, 0, 0, rnd.int(8, 40)]);
    else if (flavour === 'tiny-frame') bytes = Buffer.concat([Buffer.from([0, 0, 0, 8]), rnd.bytes(8)]);
    else bytes = Buffer.concat(Array.from({ length: rnd.int(2, 20) }, () => Buffer.concat([Buffer.from([0, 0, 0, 8, 0, 18, 0, 0]), rnd.bytes(4)])));
    return { iteration, kind, description: `garbage(${flavour}, ${bytes.length} B)`, apiKey: -1, apiName: '(garbage)', version: -1, bytes, wellFormed: false, chunked };
  }

  if (kind === 'random-api') {
    const unserved = API_DEFINITIONS.filter((api) => !served.some((s) => s.apiKey === api.apiKey));
    const pickKnown = unserved.length > 0 && rnd.chance(0.6);
    if (pickKnown || rnd.chance(0.5)) {
      // A known API: unserved, or served but at a version outside the advertised range.
      const api = pickKnown ? rnd.pick(unserved) : getApiDefinition(rnd.pick(served).apiKey)!;
      const s = served.find((x) => x.apiKey === api.apiKey);
      const version = s ? rnd.pick([s.maxVersion + 1, s.minVersion - 1, 32767, -1]) : rnd.int(api.validVersions.min, api.validVersions.max);
      const bodyVersion = Math.min(Math.max(version, api.validVersions.min), api.validVersions.max);
      const { frame } = validRequest(api.apiKey, bodyVersion, correlationId, rnd);
      frame.writeInt16BE(version, 6);
      return { iteration, kind, description: `${api.name} v${version} (${s ? 'unadvertised version' : 'unserved API'})`, apiKey: api.apiKey, apiName: s ? '(unadvertised version)' : '(unserved API)', version, bytes: frame, wellFormed: false, chunked };
    }
    const apiKey = rnd.pick([-1, -32768, 32767, 1000, 99, 200, rnd.int(-32768, 32767)]);
    const body = rnd.bytes(rnd.int(0, 40));
    const frame = Buffer.alloc(4 + 8 + body.length);
    frame.writeInt32BE(frame.length - 4, 0);
    frame.writeInt16BE(apiKey, 4);
    frame.writeInt16BE(rnd.int(-1, 20), 6);
    frame.writeInt32BE(correlationId, 8);
    body.copy(frame, 12);
    return { iteration, kind, description: `unknown API key ${apiKey}`, apiKey, apiName: '(unknown API key)', version: -1, bytes: frame, wellFormed: false, chunked };
  }

  const target = rnd.pick(served);
  const version = rnd.int(target.minVersion, target.maxVersion);
  const name = target.name;

  if (kind === 'wrong-header-version') {
    const right = requestHeaderVersion(target.apiKey, version);
    const wrong = rnd.pick([0, 1, 2].filter((v) => v !== right));
    const { frame } = validRequest(target.apiKey, version, correlationId, rnd, wrong);
    return { iteration, kind, description: `${name} v${version} with header v${wrong} (not v${right})`, apiKey: target.apiKey, apiName: name, version, bytes: frame, wellFormed: false, chunked };
  }

  const { frame, lengths } = validRequest(target.apiKey, version, correlationId, rnd);
  if (kind === 'valid') {
    return { iteration, kind, description: `${name} v${version}`, apiKey: target.apiKey, apiName: name, version, bytes: frame, wellFormed: true, chunked };
  }
  let current = frame;
  const steps: string[] = [];
  const n = rnd.weighted([
    [6, 1],
    [2, 2],
    [1, 3],
  ] as const);
  for (let i = 0; i < n; i++) {
    const { frame: next, what } = mutateOnce(current, i === 0 ? lengths : [], rnd, served);
    current = next;
    steps.push(what);
  }
  return { iteration, kind, description: `${name} v${version} + ${steps.join(' + ')}`, apiKey: target.apiKey, apiName: name, version, bytes: current, wellFormed: false, chunked };
}
