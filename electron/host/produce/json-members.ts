/**
 * The members of a JSON object line as their raw text: `{"value": {"id": 12345678901234567890}}`
 * gives value → `{"id": 12345678901234567890}` exactly as written, so an imported JSON value is
 * sent as its own text (JSON.parse then stringify would round big integers and reformat).
 *
 * Only for text that JSON.parse accepted and that is an object: the scanner then relies on it
 * being well-formed.
 */

function skipWhitespace(text: string, at: number): number {
  while (at < text.length && (text[at] === ' ' || text[at] === '\t' || text[at] === '\n' || text[at] === '\r')) at++;
  return at;
}

/** The index just past the JSON string starting at `at` (its opening quote). */
function skipString(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}

/** The index just past the JSON value starting at `at`. */
function skipValue(text: string, at: number): number {
  if (text[at] === '"') return skipString(text, at);
  if (text[at] === '{' || text[at] === '[') {
    let depth = 0;
    for (let i = at; i < text.length; i++) {
      const char = text[i];
      if (char === '"') i = skipString(text, i) - 1;
      else if (char === '{' || char === '[') depth++;
      else if (char === '}' || char === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return text.length;
  }
  let i = at;
  while (i < text.length && !',}] \t\r\n'.includes(text[i])) i++;
  return i;
}

/** Raw text of each member of the object `text` (well-formed JSON; a later duplicate wins, as in JSON.parse). */
export function rawMembers(text: string): Map<string, string> {
  const members = new Map<string, string>();
  let at = skipWhitespace(text, 0) + 1; // past '{'
  for (;;) {
    at = skipWhitespace(text, at);
    if (text[at] !== '"') return members; // '}'
    const keyEnd = skipString(text, at);
    const name = JSON.parse(text.slice(at, keyEnd)) as string;
    at = skipWhitespace(text, keyEnd) + 1; // past ':'
    at = skipWhitespace(text, at);
    const valueEnd = skipValue(text, at);
    members.set(name, text.slice(at, valueEnd));
    at = skipWhitespace(text, valueEnd);
    if (text[at] === ',') at++;
  }
}
