import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { BROKER_VERSION } from './version';

it('reports the version package.json declares', () => {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'));
  expect(BROKER_VERSION).toBe(pkg.version);
});
