import { describe, expect, it } from 'vitest';
import { PredicateError, PredicateSandbox, type PredicateInput } from './predicate-sandbox';

const inputs: PredicateInput[] = [
  { partition: 0, offset: 7, timestamp: 1000, keyText: 'order-1', valueText: '{"amount": 150, "id": 12345678901234567890}', headers: [['source', 'web']] },
  { partition: 1, offset: 8, timestamp: 2000, keyText: null, valueText: 'plain text', headers: [] },
];

function failure(source: string): PredicateError {
  try {
    new PredicateSandbox(source, 200).test(inputs);
  } catch (error) {
    if (error instanceof PredicateError) return error;
    throw error;
  }
  throw new Error('no failure');
}

describe('PredicateSandbox', () => {
  it('runs (record) => boolean over a batch: parsed JSON values, texts, headers, position', () => {
    expect(Array.from(new PredicateSandbox('(r) => r.value.amount > 100', 200).test(inputs))).toEqual([1, 0]);
    expect(Array.from(new PredicateSandbox('(r) => r.headers.source === "web" && r.keyText === "order-1"', 200).test(inputs))).toEqual([1, 0]);
    expect(Array.from(new PredicateSandbox('(r) => r.key === null && r.value === "plain text" && r.partition === 1 && r.offset === 8', 200).test(inputs))).toEqual([0, 1]);
    expect(Array.from(new PredicateSandbox('function (record) { return record.timestamp >= 2000; }', 200).test(inputs))).toEqual([0, 1]);
  });

  it('reports a throw with the record it failed on', () => {
    const error = failure('(r) => r.value.amount.toFixed(0) === "150"');
    expect(error.message).toMatch(/^the predicate threw TypeError: Cannot read properties of undefined/);
    expect(error.index).toBe(1);
  });

  it('stops a predicate that loops at its time bound', () => {
    const error = failure('(r) => { while (true) {} }');
    expect(error.message).toBe('the predicate did not finish within 200 ms');
    expect(error.index).toBe(0);
  });

  it('cannot reach modules, the process, code generation or the host realm', () => {
    expect(failure('(r) => require("fs")').message).toMatch(/ReferenceError: require is not defined/);
    expect(failure('(r) => process.exit(1)').message).toMatch(/ReferenceError: process is not defined/);
    expect(failure('(r) => setTimeout(() => {}, 1)').message).toMatch(/ReferenceError: setTimeout is not defined/);
    expect(failure('(r) => r.constructor.constructor("return process")()').message).toMatch(/Code generation from strings disallowed/);
    expect(failure('(r) => import("fs")').message).toMatch(/returned a promise/);
    // Replacing the sandbox's intrinsics does not reach the runner that feeds it.
    const tampering = new PredicateSandbox('(r) => { JSON.parse = () => { for (;;) {} }; Uint8Array.prototype.length = 0; return true; }', 200);
    expect(Array.from(tampering.test(inputs))).toEqual([1, 1]);
    expect(Array.from(tampering.test(inputs))).toEqual([1, 1]);
    // Even while the predicate is being defined.
    const early = new PredicateSandbox('(JSON.parse = () => { for (;;) {} }, Uint8Array = null, (r) => r.offset === 8)', 200);
    expect(Array.from(early.test(inputs))).toEqual([0, 1]);
  });

  it('refuses what is not a function, or does not compile, before the search starts', () => {
    expect(() => new PredicateSandbox('42', 200)).toThrow(/must be a function/);
    expect(() => new PredicateSandbox('(r) => ', 200)).toThrow(/does not compile: SyntaxError/);
    expect(() => new PredicateSandbox('(() => { throw new Error("boom"); })()', 200)).toThrow(/threw while being defined: Error: boom/);
    expect(() => new PredicateSandbox('(() => { for (;;) {} })()', 200)).toThrow(/did not finish being defined in time/);
  });

  it('is not fooled by a thrown Proxy: its traps run inside the time bound', () => {
    const started = performance.now();
    expect(failure('(r) => { throw new Proxy({}, { getPrototypeOf() { for (;;) {} }, get() { for (;;) {} } }); }').message).toMatch(/^the predicate (threw|did not finish)/);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
