/**
 * Property test over every generated codec and every valid version: random values built from the
 * JSON definitions (their parsed model, committed as message-specs.json; independently of the
 * emitter) must survive encode → decode unchanged (absent
 * fields at their defaults), re-encode to the same bytes, and every truncation of the bytes must
 * fail with ProtocolDecodeError — never a RangeError or a silent success.
 */
import { describe, expect, it } from 'vitest';
import * as generated from '../src/protocol/generated/index.js';
import { ProtocolDecodeError } from '../src/protocol/primitives/protocol-decode-error.js';
import { ProtocolReader, ZERO_UUID } from '../src/protocol/primitives/reader.js';
import { ProtocolWriter } from '../src/protocol/primitives/writer.js';
import { camelCase } from './emit-message.js';
import { readCommittedDefinitions } from './generate.js';
import { contains, type ElementType, type FieldSpec, type MessageSpec } from './parse-spec.js';

type Decode = (reader: ProtocolReader, version: number) => unknown;
type Encode = (writer: ProtocolWriter, version: number, value: unknown) => void;
const codecs = generated as unknown as Record<string, Decode | Encode | undefined>;

/** mulberry32: small seeded PRNG so failures reproduce. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRINGS = ['', 'a', 'topic-1', 'é字😀', 'x'.repeat(130)];

class ValueBuilder {
  constructor(
    private readonly spec: MessageSpec,
    private readonly rnd: () => number,
  ) {}

  private int(lo: number, hi: number): number {
    return lo + Math.floor(this.rnd() * (hi - lo + 1));
  }

  private fields(structName: string | null): readonly FieldSpec[] {
    return structName === null ? this.spec.fields : this.spec.structs.get(structName)!.fields;
  }

  /** The value of every field at its default, per message/README.md. */
  defaults(structName: string | null): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of this.fields(structName)) out[camelCase(f.name)] = this.defaultOf(f);
    return out;
  }

  private defaultOf(f: FieldSpec): unknown {
    const d = f.defaultText;
    if (d === 'null') return null;
    const t = f.type;
    if (t.kind === 'array') return [];
    if (t.kind === 'struct') return this.defaults(t.name);
    switch (t.name) {
      case 'bool':
        return d === 'true';
      case 'int64':
        return d ? BigInt(d) : 0n;
      case 'string':
        return d ?? '';
      case 'uuid':
        return ZERO_UUID;
      case 'bytes':
        return Buffer.alloc(0);
      case 'records':
        return null;
      default:
        return d ? Number(d) : 0;
    }
  }

  /** A random value valid for `version`: present fields random, absent ones at their default. */
  struct(structName: string | null, version: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of this.fields(structName)) {
      const present = contains(f.versions, version);
      const tagged = contains(f.taggedVersions, version);
      out[camelCase(f.name)] = !present || (tagged && this.rnd() < 0.3) ? this.defaultOf(f) : this.field(f, version);
    }
    return out;
  }

  private field(f: FieldSpec, version: number): unknown {
    if (contains(f.nullableVersions, version) && this.rnd() < 0.25) return null;
    const t = f.type;
    if (t.kind === 'array') {
      const n = this.int(0, 3);
      return Array.from({ length: n }, () => this.element(t.element, version));
    }
    return this.element(t, version);
  }

  private element(e: ElementType, version: number): unknown {
    if (e.kind === 'struct') return this.struct(e.name, version);
    switch (e.name) {
      case 'bool':
        return this.rnd() < 0.5;
      case 'int8':
        return this.int(-128, 127);
      case 'int16':
        return this.int(-32768, 32767);
      case 'uint16':
        return this.int(0, 65535);
      case 'int32':
        return this.int(-2147483648, 2147483647);
      case 'uint32':
        return this.int(0, 4294967295);
      case 'int64':
        return BigInt.asIntN(64, (BigInt(this.int(0, 2 ** 32 - 1)) << 32n) | BigInt(this.int(0, 2 ** 32 - 1)));
      case 'float64':
        return (this.rnd() - 0.5) * 1e9;
      case 'string':
        return STRINGS[this.int(0, STRINGS.length - 1)];
      case 'uuid':
        return Buffer.from(Array.from({ length: 16 }, () => this.int(0, 255))).toString('base64url');
      case 'bytes':
      case 'records':
        return Buffer.from(Array.from({ length: this.rnd() < 0.2 ? 200 : this.int(0, 5) }, () => this.int(0, 255)));
    }
  }
}

// The parsed definitions committed with the codecs (generate.test.ts checks them against Kafka's).
const { specs } = readCommittedDefinitions();

describe.each(specs.map((s) => [s.name, s] as const))('%s', (_name, spec) => {
  const decode = codecs[`decode${spec.name}`] as Decode;
  const encode = codecs[`encode${spec.name}`] as Encode;
  const versions: number[] = [];
  for (let v = spec.validVersions.min; v <= spec.validVersions.max; v++) versions.push(v);

  it('has generated codecs', () => {
    expect(typeof decode).toBe('function');
    expect(typeof encode).toBe('function');
  });

  it.each(versions)('v%i: random values round-trip; truncations fail cleanly', (version) => {
    const builder = new ValueBuilder(spec, prng(spec.name.length * 1000 + version));
    for (let sample = 0; sample < 4; sample++) {
      const value = builder.struct(null, version);
      const w = new ProtocolWriter(16);
      encode(w, version, value);
      const bytes = w.finish();
      const reader = new ProtocolReader(bytes);
      const decoded = decode(reader, version);
      expect(decoded).toStrictEqual(value);
      expect(reader.remaining).toBe(0);
      const again = new ProtocolWriter();
      encode(again, version, decoded);
      expect(again.finish().equals(bytes)).toBe(true);

      if (sample === 0) {
        const step = Math.max(1, Math.floor(bytes.length / 64));
        for (let n = 0; n < bytes.length; n += n < 16 || n > bytes.length - 16 ? 1 : step) {
          let error: unknown = null;
          try {
            decode(new ProtocolReader(bytes.subarray(0, n)), version);
          } catch (e) {
            error = e;
          }
          if (!(error instanceof ProtocolDecodeError)) {
            throw new Error(`${spec.name} v${version}: decoding ${n}/${bytes.length} bytes gave ${String(error)} instead of a ProtocolDecodeError`);
          }
        }
      }
    }
  });

  it('encodes all-default values in every version', () => {
    const builder = new ValueBuilder(spec, prng(1));
    for (const version of versions) {
      const w = new ProtocolWriter();
      encode(w, version, builder.defaults(null));
      const bytes = w.finish();
      const again = new ProtocolWriter();
      encode(again, version, decode(new ProtocolReader(bytes), version));
      expect(again.finish().equals(bytes)).toBe(true);
    }
  });
});
