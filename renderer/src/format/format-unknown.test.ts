import { expect, it } from 'vitest';
import { formatBytes } from './format-bytes';
import { lastWriteUnknown, orUnknown } from './format-unknown';

it('shows — for what the cluster does not report, never 0, and tells "never written" from "not known"', () => {
  expect(orUnknown(null, formatBytes)).toBe('—');
  expect(orUnknown(0, formatBytes)).toBe('0 B');
  expect(lastWriteUnknown(null, null)).toBe(true);
  expect(lastWriteUnknown(null, 0)).toBe(false);
  expect(lastWriteUnknown(5, null)).toBe(false);
});
