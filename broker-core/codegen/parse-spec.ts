/**
 * Reads Apache Kafka's JSON message definitions (`message/*.json`, JSON with `//` comments) into a
 * validated model for the emitter. See `shared/kafka-protocol/message/README.md` for the format.
 */

/** Highest version number; an open range ("3+") ends here. */
export const MAX_VERSION = 0x7fff;

/** Inclusive version range. `null` where a range is expected means "none". */
export interface VersionRange {
  readonly min: number;
  readonly max: number;
}

export type PrimitiveTypeName =
  | 'bool'
  | 'int8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'float64'
  | 'string'
  | 'uuid'
  | 'bytes'
  | 'records';

const PRIMITIVES: ReadonlySet<string> = new Set<PrimitiveTypeName>([
  'bool',
  'int8',
  'int16',
  'uint16',
  'int32',
  'uint32',
  'int64',
  'float64',
  'string',
  'uuid',
  'bytes',
  'records',
]);

export type ElementType = { readonly kind: 'primitive'; readonly name: PrimitiveTypeName } | { readonly kind: 'struct'; readonly name: string };
export type FieldType = ElementType | { readonly kind: 'array'; readonly element: ElementType };

export interface FieldSpec {
  /** As in the JSON, PascalCase. */
  readonly name: string;
  readonly type: FieldType;
  /** The type as written in the JSON, e.g. `[]MetadataResponseTopic`. */
  readonly typeText: string;
  readonly versions: VersionRange | null;
  readonly nullableVersions: VersionRange | null;
  /** Versions in which the field is sent as a tagged field (open-ended), or null. */
  readonly taggedVersions: VersionRange | null;
  readonly tag: number | null;
  /** Field-level override of the message's flexibleVersions (only RequestHeader.ClientId uses it). */
  readonly flexibleVersions: VersionRange | null | undefined;
  /** The JSON `default`, as text, if any. */
  readonly defaultText: string | undefined;
  readonly ignorable: boolean;
  readonly mapKey: boolean;
}

export interface StructSpec {
  readonly name: string;
  readonly fields: readonly FieldSpec[];
}

export interface MessageSpec {
  readonly name: string;
  /** `request`, `response`, `header`, `data`, … */
  readonly type: string;
  readonly apiKey: number | null;
  readonly validVersions: VersionRange;
  readonly flexibleVersions: VersionRange | null;
  readonly deprecatedVersions: VersionRange | null;
  readonly latestVersionUnstable: boolean;
  readonly listeners: readonly string[];
  readonly fields: readonly FieldSpec[];
  /** Every struct type of the message (inline and commonStructs), by type name, in definition order. */
  readonly structs: ReadonlyMap<string, StructSpec>;
  /** The JSON file name, e.g. `MetadataRequest.json`. */
  readonly fileName: string;
}

export class SpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpecError';
  }
}

/** Removes `//` comments (outside string literals), keeping line structure. */
export function stripJsonComments(text: string): string {
  let out = '';
  let inString = false;
  let i = 0;
  let copyFrom = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i += 2;
      else {
        if (c === 0x22 /* " */) inString = false;
        i++;
      }
    } else if (c === 0x22) {
      inString = true;
      i++;
    } else if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      out += text.slice(copyFrom, i);
      while (i < text.length && text[i] !== '\n') i++;
      copyFrom = i;
    } else {
      i++;
    }
  }
  return out + text.slice(copyFrom);
}

/** Parses "0+", "1-3", "3" or "none" (null). */
export function parseVersions(text: string, what = 'versions'): VersionRange | null {
  const t = text.trim();
  if (t === 'none') return null;
  let m = /^(\d+)\+$/.exec(t);
  if (m) return checkedRange(Number(m[1]), MAX_VERSION, text, what);
  m = /^(\d+)-(\d+)$/.exec(t);
  if (m) return checkedRange(Number(m[1]), Number(m[2]), text, what);
  m = /^(\d+)$/.exec(t);
  if (m) return checkedRange(Number(m[1]), Number(m[1]), text, what);
  throw new SpecError(`${what}: cannot parse version range ${JSON.stringify(text)}`);
}

function checkedRange(min: number, max: number, text: string, what: string): VersionRange {
  if (min > max || max > MAX_VERSION) throw new SpecError(`${what}: bad version range ${JSON.stringify(text)}`);
  return { min, max };
}

export function intersect(a: VersionRange | null, b: VersionRange | null): VersionRange | null {
  if (a === null || b === null) return null;
  const min = Math.max(a.min, b.min);
  const max = Math.min(a.max, b.max);
  return min <= max ? { min, max } : null;
}

/** Smallest range containing both. */
export function hull(a: VersionRange | null, b: VersionRange | null): VersionRange | null {
  if (a === null) return b;
  if (b === null) return a;
  return { min: Math.min(a.min, b.min), max: Math.max(a.max, b.max) };
}

export function contains(range: VersionRange | null, version: number): boolean {
  return range !== null && version >= range.min && version <= range.max;
}

export function formatVersions(range: VersionRange | null): string {
  if (range === null) return 'none';
  if (range.max === MAX_VERSION) return `${range.min}+`;
  if (range.min === range.max) return `${range.min}`;
  return `${range.min}-${range.max}`;
}

function parseElementType(text: string): ElementType {
  if (PRIMITIVES.has(text)) return { kind: 'primitive', name: text as PrimitiveTypeName };
  if (/^[A-Z][A-Za-z0-9]*$/.test(text)) return { kind: 'struct', name: text };
  throw new SpecError(`unknown type ${JSON.stringify(text)}`);
}

export function parseFieldType(text: string): FieldType {
  if (text.startsWith('[]')) return { kind: 'array', element: parseElementType(text.slice(2)) };
  return parseElementType(text);
}

/** The struct name a field type refers to, if any. */
export function structNameOf(type: FieldType): string | null {
  if (type.kind === 'struct') return type.name;
  if (type.kind === 'array' && type.element.kind === 'struct') return type.element.name;
  return null;
}

type Json = Record<string, unknown>;

function str(obj: Json, key: string, where: string): string | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new SpecError(`${where}: "${key}" must be a string`);
  return v;
}

function bool(obj: Json, key: string, where: string): boolean {
  const v = obj[key];
  if (v === undefined) return false;
  if (typeof v !== 'boolean') throw new SpecError(`${where}: "${key}" must be a boolean`);
  return v;
}

interface RawStruct {
  name: string;
  fields: Json[];
}

/** Parses one message definition file's text. */
export function parseMessage(text: string, fileName: string): MessageSpec {
  let json: Json;
  try {
    json = JSON.parse(stripJsonComments(text)) as Json;
  } catch (e) {
    throw new SpecError(`${fileName}: invalid JSON: ${(e as Error).message}`);
  }
  const where = fileName;
  const name = str(json, 'name', where);
  const type = str(json, 'type', where);
  if (!name || !type) throw new SpecError(`${where}: "name" and "type" are required`);
  const apiKeyRaw = json.apiKey;
  if (apiKeyRaw !== undefined && (typeof apiKeyRaw !== 'number' || !Number.isInteger(apiKeyRaw))) {
    throw new SpecError(`${where}: "apiKey" must be an integer`);
  }
  const validVersions = parseVersions(str(json, 'validVersions', where) ?? 'none', `${where} validVersions`);
  if (validVersions === null) throw new SpecError(`${where}: "validVersions" is required`);
  const flexibleText = str(json, 'flexibleVersions', where);
  if (flexibleText === undefined) throw new SpecError(`${where}: "flexibleVersions" is required`);
  const flexibleVersions = parseVersions(flexibleText, `${where} flexibleVersions`);
  if (flexibleVersions !== null && flexibleVersions.max !== MAX_VERSION) {
    throw new SpecError(`${where}: flexibleVersions must be open-ended`);
  }
  const deprecatedText = str(json, 'deprecatedVersions', where);
  const listeners = json.listeners;
  if (listeners !== undefined && (!Array.isArray(listeners) || listeners.some((l) => typeof l !== 'string'))) {
    throw new SpecError(`${where}: "listeners" must be an array of strings`);
  }

  // Collect struct definitions: inline ones (fields with "fields") and commonStructs.
  const raw = new Map<string, RawStruct>();
  const collect = (fields: unknown, owner: string): Json[] => {
    if (!Array.isArray(fields)) throw new SpecError(`${where}: ${owner}: "fields" must be an array`);
    for (const f of fields as Json[]) {
      if (Array.isArray(f.fields)) {
        const t = typeof f.type === 'string' ? parseFieldType(f.type) : null;
        const sn = t ? structNameOf(t) : null;
        if (!sn) throw new SpecError(`${where}: ${owner}.${String(f.name)}: has "fields" but type ${String(f.type)} is not a struct`);
        if (raw.has(sn)) throw new SpecError(`${where}: struct ${sn} is defined twice`);
        raw.set(sn, { name: sn, fields: f.fields as Json[] });
        collect(f.fields, sn);
      }
    }
    return fields as Json[];
  };
  const topFields = collect(json.fields, name);
  const common = json.commonStructs;
  if (common !== undefined) {
    if (!Array.isArray(common)) throw new SpecError(`${where}: "commonStructs" must be an array`);
    for (const cs of common as Json[]) {
      const csName = str(cs, 'name', where);
      if (!csName) throw new SpecError(`${where}: commonStructs entry without a name`);
      if (raw.has(csName)) throw new SpecError(`${where}: struct ${csName} is defined twice`);
      raw.set(csName, { name: csName, fields: collect(cs.fields, csName) });
    }
  }

  const parseFields = (fields: Json[], owner: string): FieldSpec[] => {
    const seen = new Set<string>();
    const tags = new Set<number>();
    return fields.map((f) => {
      const fname = str(f, 'name', `${where} ${owner}`);
      const fw = `${where}: ${owner}.${fname ?? '?'}`;
      // A few Kafka fields start lower-case (CreateTopicsRequest.timeoutMs); camelCase() handles both.
      if (!fname || !/^[A-Za-z][A-Za-z0-9]*$/.test(fname)) throw new SpecError(`${fw}: bad or missing field name`);
      if (seen.has(fname)) throw new SpecError(`${fw}: duplicate field name`);
      seen.add(fname);
      const typeText = str(f, 'type', fw);
      if (!typeText) throw new SpecError(`${fw}: "type" is required`);
      const ftype = parseFieldType(typeText);
      const sn = structNameOf(ftype);
      if (sn !== null && !raw.has(sn)) throw new SpecError(`${fw}: struct type ${sn} is not defined`);
      if (sn === null && Array.isArray(f.fields)) throw new SpecError(`${fw}: primitive type with "fields"`);
      const versionsText = str(f, 'versions', fw);
      if (versionsText === undefined) throw new SpecError(`${fw}: "versions" is required`);
      const versions = parseVersions(versionsText, `${fw} versions`);
      const nullableText = str(f, 'nullableVersions', fw);
      const nullableVersions = nullableText === undefined ? null : parseVersions(nullableText, `${fw} nullableVersions`);
      if (nullableVersions !== null) {
        const nullableOk =
          ftype.kind === 'array' ||
          ftype.kind === 'struct' ||
          (ftype.kind === 'primitive' && (ftype.name === 'string' || ftype.name === 'bytes' || ftype.name === 'records'));
        if (!nullableOk) throw new SpecError(`${fw}: type ${typeText} cannot be nullable`);
      }
      const taggedText = str(f, 'taggedVersions', fw);
      const taggedVersions = taggedText === undefined ? null : parseVersions(taggedText, `${fw} taggedVersions`);
      // Kafka's parser (Jackson) also accepts a numeric string, and BrokerHeartbeatRequest uses "tag": "0".
      const tagRaw = typeof f.tag === 'string' && /^\d+$/.test(f.tag) ? Number(f.tag) : f.tag;
      let tag: number | null = null;
      if (tagRaw !== undefined) {
        if (typeof tagRaw !== 'number' || !Number.isInteger(tagRaw) || tagRaw < 0) throw new SpecError(`${fw}: bad tag`);
        if (tags.has(tagRaw)) throw new SpecError(`${fw}: duplicate tag ${tagRaw}`);
        tags.add(tagRaw);
        tag = tagRaw;
      }
      if ((tag === null) !== (taggedText === undefined)) throw new SpecError(`${fw}: "tag" and "taggedVersions" go together`);
      if (taggedVersions !== null) {
        if (taggedVersions.max !== MAX_VERSION) throw new SpecError(`${fw}: taggedVersions must be open-ended`);
        if (flexibleVersions === null || taggedVersions.min < flexibleVersions.min) {
          throw new SpecError(`${fw}: taggedVersions outside flexibleVersions`);
        }
      }
      const flexText = str(f, 'flexibleVersions', fw);
      const fieldFlexible = flexText === undefined ? undefined : parseVersions(flexText, `${fw} flexibleVersions`);
      let defaultText: string | undefined;
      const d = f.default;
      if (d !== undefined) {
        if (typeof d === 'string') defaultText = d;
        else if (typeof d === 'number' || typeof d === 'boolean') defaultText = String(d);
        else throw new SpecError(`${fw}: bad default`);
      }
      return {
        name: fname,
        type: ftype,
        typeText,
        versions,
        nullableVersions,
        taggedVersions,
        tag,
        flexibleVersions: fieldFlexible,
        defaultText,
        ignorable: bool(f, 'ignorable', fw),
        mapKey: bool(f, 'mapKey', fw),
      } satisfies FieldSpec;
    });
  };

  const structs = new Map<string, StructSpec>();
  for (const r of raw.values()) structs.set(r.name, { name: r.name, fields: parseFields(r.fields, r.name) });

  return {
    name,
    type,
    apiKey: apiKeyRaw === undefined ? null : (apiKeyRaw as number),
    validVersions,
    flexibleVersions,
    deprecatedVersions: deprecatedText === undefined ? null : parseVersions(deprecatedText, `${where} deprecatedVersions`),
    latestVersionUnstable: bool(json, 'latestVersionUnstable', where),
    listeners: (listeners as string[] | undefined) ?? [],
    fields: parseFields(topFields, name),
    structs,
    fileName,
  };
}
