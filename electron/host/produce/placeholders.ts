/**
 * Bulk templates: text with placeholders, compiled once and rendered per record.
 *
 * `{{index}}` the record's number (0, 1, …); `{{uuid}}` a random UUID v4; `{{timestamp}}` epoch ms
 * when the record is made; `{{randomInt A B}}` an integer from A to B inclusive; `{{pick a b c}}`
 * one of the words at random (a word with spaces in double quotes: `{{pick "New York" Paris}}`).
 * Whitespace inside the braces is free; anything else between `{{` and `}}` is refused when the
 * template is compiled, with what was found and what is allowed. A `{{` with no `}}` is text.
 *
 * Rendering is a concatenation of parts, so a template without placeholders costs one string.
 */
import { randomUUID } from 'node:crypto';

export class PlaceholderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlaceholderError';
  }
}

export interface RenderContext {
  index: number;
  /** Epoch ms for `{{timestamp}}`. */
  now: number;
  /** [0, 1); Math.random by default. */
  random: () => number;
}

export interface CompiledTemplate {
  /** The text itself when it has no placeholders (render is then that text every time). */
  readonly constant: string | null;
  render(context: RenderContext): string;
}

type Part = string | ((context: RenderContext) => string);

const ALLOWED = '{{index}}, {{uuid}}, {{timestamp}}, {{randomInt A B}}, {{pick a b …}}';
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

function words(body: string): string[] {
  return [...body.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2]);
}

function compilePlaceholder(body: string, what: string): Part {
  const [name, ...args] = words(body.trim());
  const arity = (count: number) => {
    if (args.length !== count) throw new PlaceholderError(`{{${body}}} in ${what}: ${name} takes ${count === 0 ? 'nothing' : `${count} numbers`} (allowed: ${ALLOWED})`);
  };
  switch (name) {
    case 'index':
      arity(0);
      return (context) => String(context.index);
    case 'uuid':
      arity(0);
      return () => randomUUID();
    case 'timestamp':
      arity(0);
      return (context) => String(context.now);
    case 'randomInt': {
      arity(2);
      const [low, high] = args.map(Number);
      if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high) || low > high) {
        throw new PlaceholderError(`{{${body}}} in ${what}: randomInt takes two integers, the lower first (e.g. {{randomInt 1 100}})`);
      }
      const span = high - low + 1;
      return (context) => String(low + Math.floor(context.random() * span));
    }
    case 'pick': {
      if (args.length === 0) throw new PlaceholderError(`{{${body}}} in ${what}: pick takes at least one word to pick from (e.g. {{pick red green blue}})`);
      return (context) => args[Math.floor(context.random() * args.length)];
    }
    default:
      throw new PlaceholderError(`{{${body}}} in ${what} is not a placeholder: use ${ALLOWED}`);
  }
}

/** Compiles `text`; `what` names the field in a refusal (`value`, `header "trace" value`). */
export function compileTemplate(text: string, what: string): CompiledTemplate {
  const parts: Part[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(compilePlaceholder(match[1], what));
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  if (parts.every((part) => typeof part === 'string')) {
    return { constant: text, render: () => text };
  }
  return {
    constant: null,
    render(context) {
      let out = '';
      for (const part of parts) out += typeof part === 'string' ? part : part(context);
      return out;
    },
  };
}
