/**
 * The project's Python examples (`examples/*.py`) exactly as the README shows them, with only the
 * bootstrap address substituted when the test broker listens elsewhere than localhost:9092.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const examplesDir = join(import.meta.dirname, '..', '..', '..', 'examples');

export type ExampleName = 'producer.py' | 'consumer.py' | 'dead_letter.py' | 'unconsumed_to_dlq.py';

/** Writes the example, pointed at `bootstrap`, to a temp file and returns its path. */
export function exampleScript(name: ExampleName, bootstrap: string): string {
  const source = readFileSync(join(examplesDir, name), 'utf8');
  if (!source.includes("'localhost:9092'")) throw new Error(`examples/${name} no longer names localhost:9092; update this helper`);
  const dir = mkdtempSync(join(tmpdir(), 'eddy-example-'));
  const path = join(dir, name);
  writeFileSync(path, source.replaceAll("'localhost:9092'", `'${bootstrap}'`));
  return path;
}
