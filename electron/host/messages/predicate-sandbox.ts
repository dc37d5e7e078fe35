/**
 * A user's JavaScript predicate, `(record) => boolean`, the way Redpanda Console's filters work,
 * run where it cannot hurt: in a V8 context of its own (node:vm) inside the search worker, with no
 * `require`, `process`, timers, files or network, code generation from strings and WebAssembly
 * off, and every object it sees made inside that context (nothing of the worker's realm is handed
 * in, so `record.constructor.constructor` leads nowhere). A batch of records is one run of at most
 * `timeoutMs`; a predicate that loops is stopped there, and one that throws is reported with the
 * record it was looking at. Memory is bounded by the worker's resource limits (search-worker.ts).
 *
 * What the predicate gets, per record: `partition`, `offset`, `timestamp`, `key` and `value` (the
 * JSON value when the text is JSON, else the text; null when absent), `keyText` and `valueText`
 * (the text as decoded), and `headers` (header key → text; the last wins for a repeated key).
 */
import { types } from 'node:util';
import { createContext, runInContext, Script, type Context } from 'node:vm';

export class PredicateError extends Error {
  constructor(
    message: string,
    /** Index in the batch of the record it failed on, or -1 when it failed to compile. */
    readonly index: number,
  ) {
    super(message);
    this.name = 'PredicateError';
  }
}

/** One record as the predicate's input, all primitives (made into an object inside the sandbox). */
export interface PredicateInput {
  partition: number;
  offset: number;
  timestamp: number;
  keyText: string | null;
  valueText: string | null;
  headers: Array<[string, string | null]>;
}

/**
 * Runs inside the sandbox: keeps the intrinsics it needs before the predicate can replace them,
 * parses each batch (JSON text) into records made there, calls the predicate on each, and tells
 * which record it is on through an Int32Array cell the worker reads (indexed reads of typed arrays
 * run no code the predicate could have planted).
 */
const RUNNER = `
(function () {
  const parseJSON = JSON.parse;
  const U8 = Uint8Array;
  const I32 = Int32Array;
  const parse = (text) => {
    if (text === null) return null;
    const first = text.trimStart()[0];
    if (first === '{' || first === '[' || first === '"' || first === '-' || (first >= '0' && first <= '9') || text === 'true' || text === 'false' || text === 'null') {
      try { return parseJSON(text); } catch (error) { return text; }
    }
    return text;
  };
  // A class with lazy getters: much cheaper per record than an object literal with accessors.
  class SearchRecord {
    #row;
    #key;
    #value;
    #keyParsed = false;
    #valueParsed = false;
    constructor(row, headers) {
      this.#row = row;
      this.partition = row[0];
      this.offset = row[1];
      this.timestamp = row[2];
      this.keyText = row[3];
      this.valueText = row[4];
      this.headers = headers;
    }
    get key() { if (!this.#keyParsed) { this.#key = parse(this.#row[3]); this.#keyParsed = true; } return this.#key; }
    get value() { if (!this.#valueParsed) { this.#value = parse(this.#row[4]); this.#valueParsed = true; } return this.#value; }
  }
  return function bind(predicate) {
    const current = new I32(1);
    function run(text, count) {
      // Rows: [partition, offset, timestamp, keyText, valueText, [headerKey, headerValue, …]].
      const rows = parseJSON(text);
      const results = new U8(count);
      for (let i = 0; i < count; i++) {
        current[0] = i;
        const row = rows[i];
        const headers = {};
        const flat = row[5];
        for (let h = 0; h < flat.length; h += 2) headers[flat[h]] = flat[h + 1];
        const record = new SearchRecord(row, headers);
        try {
          const answer = predicate(record);
          if (answer !== null && (typeof answer === 'object' || typeof answer === 'function') && typeof answer.then === 'function') {
            answer.then(undefined, () => {}); // its rejection (an import(), say) is not left unhandled
            throw new TypeError('it returned a promise: a predicate answers at once (no async, no await, no import())');
          }
          results[i] = answer ? 1 : 0;
        } catch (error) {
          // Described here, under the time bound, and thrown out as a plain string.
          let text;
          try { text = error instanceof Error ? error.name + ': ' + error.message : 'a thrown ' + typeof error + ': ' + String(error); } catch (ignored) { text = 'an exception that cannot be shown'; }
          throw '\\u0000' + text;
        }
      }
      return results;
    }
    return [run, current];
  };
})()`;

export class PredicateSandbox {
  private readonly context: Context;
  private readonly call: Script;
  private readonly current: Int32Array;

  constructor(
    source: string,
    private readonly timeoutMs: number,
  ) {
    this.context = createContext(Object.create(null), { codeGeneration: { strings: false, wasm: false }, name: 'search predicate' });
    // The runner takes the intrinsics it relies on before any of the predicate's code runs (even its definition).
    const bind = runInContext(RUNNER, this.context) as (predicate: unknown) => [unknown, Int32Array];
    let defined: unknown[];
    try {
      // Evaluated inside a try of the sandbox's own, so what it throws is described there, as text.
      const wrapper = `(function () { try { return [true, (${source}\n)]; } catch (error) { let text; try { text = error instanceof Error ? error.name + ': ' + error.message : String(error); } catch (ignored) { text = 'an exception that cannot be shown'; } return [false, text]; } })()`;
      defined = new Script(wrapper, { filename: 'predicate.js' }).runInContext(this.context, { timeout: timeoutMs }) as unknown[];
    } catch (error) {
      // A syntax error (thrown while compiling, outside the sandbox) or the time bound.
      throw new PredicateError(`the predicate does not compile: ${describe(error)}`, -1);
    }
    if (defined[0] !== true) throw new PredicateError(`the predicate threw while being defined: ${typeof defined[1] === 'string' ? defined[1] : 'an exception'}`, -1);
    const predicate = defined[1];
    if (typeof predicate !== 'function') throw new PredicateError(`the predicate must be a function such as (record) => record.value.amount > 100; this is a ${predicate === null ? 'null' : typeof predicate}`, -1);
    const [run, current] = bind(predicate);
    this.current = current;
    this.call = new Script('__eddyRun(__eddyText, __eddyCount)', { filename: 'search.js' });
    Object.defineProperty(this.context, '__eddyRun', { value: run, writable: false, configurable: false });
  }

  /** Which of `inputs` match (1) or not (0); throws PredicateError naming the record index it failed on. */
  test(inputs: PredicateInput[]): Uint8Array {
    const count = inputs.length;
    this.context.__eddyText = JSON.stringify(inputs.map((input) => [input.partition, input.offset, input.timestamp, input.keyText, input.valueText, input.headers.flat()]));
    this.context.__eddyCount = count;
    this.current[0] = -1;
    let results: Uint8Array;
    try {
      results = this.call.runInContext(this.context, { timeout: this.timeoutMs }) as Uint8Array;
    } catch (error) {
      const index = this.current[0];
      if (typeof error === 'string' && error.startsWith('\u0000')) throw new PredicateError(`the predicate threw ${error.slice(1)}`, index);
      // Anything else the sandbox threw is not looked into (a Proxy's traps would run unbounded).
      const timedOut = isTimeout(error);
      throw new PredicateError(timedOut ? `the predicate did not finish within ${this.timeoutMs} ms` : 'the predicate failed', index);
    }
    const copy = new Uint8Array(count);
    for (let i = 0; i < count; i++) copy[i] = results[i] === 1 ? 1 : 0;
    return copy;
  }
}

/**
 * Whether `error` is vm's time-bound error (made in the sandbox's realm): read through property
 * descriptors, which run none of the sandbox's code, unlike a getter or a Proxy trap would.
 */
function isTimeout(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || types.isProxy(error) || !types.isNativeError(error)) return false;
  return Object.getOwnPropertyDescriptor(error, 'code')?.value === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}

/** Describes a syntax error of compiling (this realm) or the time bound; never an error the predicate made. */
function describe(error: unknown): string {
  if (isTimeout(error)) return 'it did not finish being defined in time';
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return 'an unknown error';
}
