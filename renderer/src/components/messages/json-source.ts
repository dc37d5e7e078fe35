/**
 * JSON text as a tree the detail panel can fold, read by a small parser of our own rather than
 * `JSON.parse`: numbers keep the text they were written with (a 64-bit id such as
 * 9007199254740993 is shown as written, not rounded), and object keys keep their order and
 * duplicates. Pure; returns null for text that is not one JSON value, or nests deeper than
 * MAX_DEPTH (such text is shown as text).
 */
export type JsonNode =
  | { kind: 'object'; entries: Array<[string, JsonNode]> }
  | { kind: 'array'; items: JsonNode[] }
  | { kind: 'string'; value: string }
  | { kind: 'number'; text: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' };

const MAX_DEPTH = 256;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// JSON strings may not hold raw control characters.
// eslint-disable-next-line no-control-regex
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

class JsonSyntaxError extends Error {}

export function parseJsonTree(text: string): JsonNode | null {
  let at = 0;
  const space = () => {
    while (at < text.length) {
      const c = text.charCodeAt(at);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) at++;
      else break;
    }
  };
  const expect = (literal: string) => {
    if (!text.startsWith(literal, at)) throw new JsonSyntaxError(`expected ${literal} at ${at}`);
    at += literal.length;
  };
  const string = (): string => {
    STRING.lastIndex = at;
    const match = STRING.exec(text);
    if (!match) throw new JsonSyntaxError(`bad string at ${at}`);
    at += match[0].length;
    return JSON.parse(match[0]) as string;
  };
  const value = (depth: number): JsonNode => {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError('nested too deep');
    space();
    const c = text[at];
    if (c === '{') {
      at++;
      const entries: Array<[string, JsonNode]> = [];
      space();
      if (text[at] === '}') {
        at++;
        return { kind: 'object', entries };
      }
      for (;;) {
        space();
        const key = string();
        space();
        expect(':');
        entries.push([key, value(depth + 1)]);
        space();
        if (text[at] === ',') at++;
        else if (text[at] === '}') {
          at++;
          return { kind: 'object', entries };
        } else throw new JsonSyntaxError(`expected , or } at ${at}`);
      }
    }
    if (c === '[') {
      at++;
      const items: JsonNode[] = [];
      space();
      if (text[at] === ']') {
        at++;
        return { kind: 'array', items };
      }
      for (;;) {
        items.push(value(depth + 1));
        space();
        if (text[at] === ',') at++;
        else if (text[at] === ']') {
          at++;
          return { kind: 'array', items };
        } else throw new JsonSyntaxError(`expected , or ] at ${at}`);
      }
    }
    if (c === '"') return { kind: 'string', value: string() };
    if (c === 't') {
      expect('true');
      return { kind: 'boolean', value: true };
    }
    if (c === 'f') {
      expect('false');
      return { kind: 'boolean', value: false };
    }
    if (c === 'n') {
      expect('null');
      return { kind: 'null' };
    }
    NUMBER.lastIndex = at;
    const match = NUMBER.exec(text);
    if (!match) throw new JsonSyntaxError(`unexpected ${c ?? 'end'} at ${at}`);
    at += match[0].length;
    return { kind: 'number', text: match[0] };
  };
  try {
    const root = value(0);
    space();
    return at === text.length ? root : null;
  } catch (error) {
    if (error instanceof JsonSyntaxError || error instanceof SyntaxError) return null;
    throw error;
  }
}

/** The JSON path of a child: `$.name`, `$['odd key']`, `$[3]`. */
export function childPath(parent: string, step: string | number): string {
  if (typeof step === 'number') return `${parent}[${step}]`;
  return /^[A-Za-z_$][\w$]*$/.test(step) ? `${parent}.${step}` : `${parent}[${JSON.stringify(step)}]`;
}

/** A node written back as JSON text (numbers as they were written), indented. */
export function formatJsonNode(node: JsonNode, indent = '  ', depth = 0): string {
  const pad = indent.repeat(depth + 1);
  const end = indent.repeat(depth);
  switch (node.kind) {
    case 'object':
      return node.entries.length === 0
        ? '{}'
        : `{\n${node.entries.map(([key, child]) => `${pad}${JSON.stringify(key)}: ${formatJsonNode(child, indent, depth + 1)}`).join(',\n')}\n${end}}`;
    case 'array':
      return node.items.length === 0 ? '[]' : `[\n${node.items.map((child) => `${pad}${formatJsonNode(child, indent, depth + 1)}`).join(',\n')}\n${end}]`;
    case 'string':
      return JSON.stringify(node.value);
    case 'number':
      return node.text;
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
  }
}
