/**
 * Random request values for any Kafka message, built from Kafka's JSON message definitions as the
 * codecs were generated from them (the parsed model committed with the codecs), so every API the broker serves — now or later — gets
 * valid inputs without per-API code. Values lean towards what reaches deep into handlers: a small
 * pool of topic names (so requests meet topics that exist), small partition numbers and counts,
 * short timeouts (so a fuzzed Fetch or JoinGroup does not park for minutes), valid record batches,
 * plus boundary values (-1, 0, max, min) and odd strings.
 */
import { camelCase } from '../../codegen/emit-message';
import { readCommittedDefinitions } from '../../codegen/generate';
import { contains, type ElementType, type FieldSpec, type MessageSpec } from '../../codegen/parse-spec';
import { ZERO_UUID } from '../../src/protocol/primitives/reader';
import type { Random } from './prng';
import { randomRecordBatch } from './record-batch';

let specsByName: Map<string, MessageSpec> | null = null;

/** The parsed definition of a message, e.g. `MetadataRequest`. */
export function messageSpec(name: string): MessageSpec | undefined {
  specsByName ??= new Map(readCommittedDefinitions().specs.map((spec) => [spec.name, spec]));
  return specsByName.get(name);
}

export const TOPIC_POOL = ['fuzz-a', 'fuzz-b', 'fuzz-c', '__consumer_offsets', 'bad/name', '', '.', 'é字😀', 'x'.repeat(249), 'y'.repeat(300)];
const STRINGS = ['', 'a', 'fuzz', 'consumer', 'range', 'é字😀', '\u0000', 'z'.repeat(200)];
const INT_EDGES = [0, 1, -1, 2, -2];

export class RandomValueBuilder {
  constructor(
    private readonly spec: MessageSpec,
    private readonly rnd: Random,
  ) {}

  private fields(structName: string | null): readonly FieldSpec[] {
    return structName === null ? this.spec.fields : this.spec.structs.get(structName)!.fields;
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

  private defaults(structName: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of this.fields(structName)) out[camelCase(f.name)] = this.defaultOf(f);
    return out;
  }

  /** A random value of the message (or one of its structs) valid for `version`. */
  build(version: number, structName: string | null = null, depth = 0): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of this.fields(structName)) {
      const present = contains(f.versions, version);
      const tagged = contains(f.taggedVersions, version);
      out[camelCase(f.name)] = !present || (tagged && this.rnd.chance(0.4)) ? this.defaultOf(f) : this.field(f, version, depth);
    }
    return out;
  }

  private field(f: FieldSpec, version: number, depth: number): unknown {
    if (contains(f.nullableVersions, version) && this.rnd.chance(0.15)) return null;
    const t = f.type;
    if (t.kind === 'array') {
      const n = this.rnd.weighted([
        [3, 1],
        [2, 0],
        [2, 2],
        [1, 3],
        [depth === 0 ? 0.3 : 0.05, 40],
      ] as const);
      return Array.from({ length: n }, () => this.element(t.element, f, version, depth + 1));
    }
    return this.element(t, f, version, depth);
  }

  private element(e: ElementType, f: FieldSpec, version: number, depth: number): unknown {
    if (e.kind === 'struct') return this.build(version, e.name, depth);
    const name = f.name;
    const rnd = this.rnd;
    switch (e.name) {
      case 'bool':
        return rnd.chance(0.5);
      case 'int8':
        return rnd.chance(0.5) ? rnd.pick(INT_EDGES) : rnd.int(-128, 127);
      case 'int16':
        if (/Acks$/.test(name)) return rnd.pick([-1, 0, 1, 1, -1, 2]);
        if (/ErrorCode$/.test(name)) return rnd.pick([0, 0, -1, 3, 35]);
        return rnd.chance(0.6) ? rnd.pick(INT_EDGES) : rnd.pick([rnd.int(-32768, 32767), 32767, -32768]);
      case 'uint16':
        return rnd.chance(0.5) ? rnd.int(0, 3) : rnd.int(0, 65535);
      case 'int32':
        return this.int32(name);
      case 'uint32':
        return rnd.chance(0.5) ? rnd.int(0, 3) : rnd.u32();
      case 'int64':
        return this.int64(name);
      case 'float64':
        return rnd.pick([0, 1.5, -1, Number.MAX_VALUE, Number.NaN, (rnd.float() - 0.5) * 1e9]);
      case 'string':
        if (/Topic|^Name$|TopicName/.test(name) || (name === 'Name' && /Topic/.test(f.typeText))) return rnd.pick(TOPIC_POOL);
        return rnd.chance(0.8) ? rnd.pick(STRINGS) : rnd.bytes(rnd.int(0, 12)).toString('latin1');
      case 'uuid':
        return rnd.chance(0.5) ? ZERO_UUID : rnd.bytes(16).toString('base64url');
      case 'records':
        return rnd.chance(0.75) ? randomRecordBatch(rnd) : rnd.bytes(rnd.int(0, 80));
      case 'bytes':
        return rnd.bytes(rnd.chance(0.1) ? rnd.int(100, 600) : rnd.int(0, 8));
    }
  }

  private int32(name: string): number {
    const rnd = this.rnd;
    // Waits and timeouts stay short, or a valid Fetch/JoinGroup would rightly park for minutes.
    if (/(Timeout|Wait|Delay)(Ms)?$/i.test(name)) return rnd.int(0, 50);
    if (/Partition|Index$|Count$|Epoch$/.test(name)) return rnd.chance(0.8) ? rnd.int(-1, 3) : rnd.int(-2147483648, 2147483647);
    if (/Bytes$/.test(name)) return rnd.pick([0, 1, 1024, 1048576, 2147483647, -1]);
    return rnd.chance(0.5) ? rnd.pick(INT_EDGES) : rnd.pick([rnd.int(-2147483648, 2147483647), 2147483647, -2147483648, rnd.int(0, 100)]);
  }

  private int64(name: string): bigint {
    const rnd = this.rnd;
    if (/(Timeout|Wait)(Ms)?$/i.test(name)) return BigInt(rnd.int(0, 50));
    if (/Offset|Timestamp|ProducerId|Sequence/.test(name) && rnd.chance(0.7)) return BigInt(rnd.pick([-2, -1, 0, 1, 5, 1000]));
    if (rnd.chance(0.5)) return BigInt(rnd.pick(INT_EDGES));
    return rnd.pick([9223372036854775807n, -9223372036854775808n, BigInt.asIntN(64, (BigInt(rnd.u32()) << 32n) | BigInt(rnd.u32()))]);
  }
}
