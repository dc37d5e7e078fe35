/**
 * The parsed message definitions (parse-spec.ts's model) and Kafka's error codes, written by
 * generate.ts next to the codecs as `message-specs.json` and committed with them. The tests that
 * build values from the definitions (the codecs' round-trip property test, the fuzzer) read this
 * file, so they run in a clone that has no copy of Kafka's definitions beside it; generate.test.ts
 * checks it against the definitions wherever they are present.
 *
 * Format: one JSON object, one message per line under "specs". Version ranges are written as in
 * Kafka's definitions ("0+", "1-3", "none") and field types as written there ("[]MetadataTopic");
 * keys that hold their default (no tag, not nullable, not ignorable, …) are left out.
 * Reading gives back exactly what parseMessage returned.
 */
import { readFileSync } from 'node:fs';
import { formatVersions, parseFieldType, parseVersions, SpecError, type FieldSpec, type MessageSpec, type StructSpec, type VersionRange } from './parse-spec.js';

export const SPEC_MODEL_FILE = 'message-specs.json';

export interface ErrorEntry {
  readonly code: number;
  readonly name: string;
}

/** What the codecs are generated from: every message definition and the error codes. */
export interface ProtocolDefinitions {
  readonly specs: readonly MessageSpec[];
  readonly errors: readonly ErrorEntry[];
}

type Json = Record<string, unknown>;

function fieldToJson(f: FieldSpec): Json {
  const out: Json = { name: f.name, type: f.typeText, versions: formatVersions(f.versions) };
  if (f.nullableVersions !== null) out.nullableVersions = formatVersions(f.nullableVersions);
  if (f.taggedVersions !== null) out.taggedVersions = formatVersions(f.taggedVersions);
  if (f.tag !== null) out.tag = f.tag;
  if (f.flexibleVersions !== undefined) out.flexibleVersions = formatVersions(f.flexibleVersions);
  if (f.defaultText !== undefined) out.default = f.defaultText;
  if (f.ignorable) out.ignorable = true;
  if (f.mapKey) out.mapKey = true;
  return out;
}

function specToJson(s: MessageSpec): Json {
  return {
    fileName: s.fileName,
    name: s.name,
    type: s.type,
    apiKey: s.apiKey,
    validVersions: formatVersions(s.validVersions),
    flexibleVersions: formatVersions(s.flexibleVersions),
    deprecatedVersions: formatVersions(s.deprecatedVersions),
    latestVersionUnstable: s.latestVersionUnstable,
    listeners: s.listeners,
    fields: s.fields.map(fieldToJson),
    structs: [...s.structs.values()].map((st) => ({ name: st.name, fields: st.fields.map(fieldToJson) })),
  };
}

/** The file's content: deterministic, so regenerating unchanged definitions leaves it unchanged. */
export function serializeSpecModel(definitions: ProtocolDefinitions, sourceLabel: string): string {
  const head = {
    generatedFrom: `Apache Kafka's message definitions (${sourceLabel}) and error codes; Apache License 2.0`,
    generatedBy: 'broker-core/codegen/generate.ts — do not edit',
    model: 'broker-core/codegen/spec-model.ts',
  };
  const lines = ['{'];
  for (const [key, value] of Object.entries(head)) lines.push(`  ${JSON.stringify(key)}: ${JSON.stringify(value)},`);
  lines.push(`  "errors": ${JSON.stringify(definitions.errors.map((e) => ({ code: e.code, name: e.name })))},`);
  lines.push('  "specs": [');
  definitions.specs.forEach((s, i) => lines.push(`    ${JSON.stringify(specToJson(s))}${i < definitions.specs.length - 1 ? ',' : ''}`));
  lines.push('  ]', '}', '');
  return lines.join('\n');
}

function versions(value: unknown, where: string): VersionRange | null {
  if (typeof value !== 'string') throw new SpecError(`${where}: expected a version range, got ${JSON.stringify(value)}`);
  return parseVersions(value, where);
}

function fieldFromJson(j: Json, where: string): FieldSpec {
  const fw = `${where}.${String(j.name)}`;
  return {
    name: j.name as string,
    type: parseFieldType(j.type as string),
    typeText: j.type as string,
    versions: versions(j.versions, fw),
    nullableVersions: j.nullableVersions === undefined ? null : versions(j.nullableVersions, fw),
    taggedVersions: j.taggedVersions === undefined ? null : versions(j.taggedVersions, fw),
    tag: (j.tag as number | undefined) ?? null,
    flexibleVersions: j.flexibleVersions === undefined ? undefined : versions(j.flexibleVersions, fw),
    defaultText: j.default as string | undefined,
    ignorable: j.ignorable === true,
    mapKey: j.mapKey === true,
  };
}

function specFromJson(j: Json): MessageSpec {
  const where = String(j.fileName);
  const structs = new Map<string, StructSpec>();
  for (const st of j.structs as Json[]) {
    const name = st.name as string;
    structs.set(name, { name, fields: (st.fields as Json[]).map((f) => fieldFromJson(f, `${where} ${name}`)) });
  }
  return {
    name: j.name as string,
    type: j.type as string,
    apiKey: j.apiKey as number | null,
    validVersions: versions(j.validVersions, where)!,
    flexibleVersions: versions(j.flexibleVersions, where),
    deprecatedVersions: versions(j.deprecatedVersions, where),
    latestVersionUnstable: j.latestVersionUnstable === true,
    listeners: j.listeners as string[],
    fields: (j.fields as Json[]).map((f) => fieldFromJson(f, `${where} ${String(j.name)}`)),
    structs,
    fileName: j.fileName as string,
  };
}

/** Parses the file's content back into the model. */
export function parseSpecModel(text: string): ProtocolDefinitions {
  const json = JSON.parse(text) as { errors?: unknown; specs?: unknown };
  if (!Array.isArray(json.errors) || !Array.isArray(json.specs)) throw new SpecError(`${SPEC_MODEL_FILE}: "errors" and "specs" must be arrays`);
  return { errors: json.errors as ErrorEntry[], specs: (json.specs as Json[]).map(specFromJson) };
}

/** Reads a `message-specs.json`. */
export function readSpecModel(file: string): ProtocolDefinitions {
  return parseSpecModel(readFileSync(file, 'utf8'));
}
