/**
 * The seed examples (shared/seed-examples/*.py) exactly as users have them, with only the
 * bootstrap address substituted when the test broker listens elsewhere than localhost:9092.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const seedDir = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'seed-examples');

/** Writes the example, pointed at `bootstrap`, to a temp file and returns its path. */
export function seedExample(name: 'producer.py' | 'consumer.py' | 'dead_letter.py', bootstrap: string): string {
  const source = readFileSync(join(seedDir, name), 'utf8');
  if (!source.includes("'localhost:9092'")) throw new Error(`${name} no longer names localhost:9092; update this helper`);
  const dir = mkdtempSync(join(tmpdir(), 'eddy-seed-'));
  const path = join(dir, name);
  writeFileSync(path, source.replaceAll("'localhost:9092'", `'${bootstrap}'`));
  return path;
}
