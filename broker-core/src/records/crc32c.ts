/**
 * CRC-32C (Castagnoli): the checksum of a RecordBatch v2 (over the bytes from `attributes` to the
 * end of the batch) and of our own journal frames.
 *
 * Two implementations give identical results:
 * - native: `@node-rs/crc32`, an N-API addon (prebuilt per platform, no build step; loads in Node
 *   and in Electron) using the CPU's CRC32 instructions: ~5-6 GB/s here, 4-5x the portable one.
 *   It checksums every batch the broker appends, which made it half of the append time in JS.
 * - portable: `crc32c-portable.ts`, plain TypeScript, used where the addon is missing (a platform
 *   without a prebuilt package, a package built for another platform) and for inputs shorter than
 *   `NATIVE_MIN_BYTES`, where the call into the addon costs more than it saves.
 * `EDDY_CRC32C=portable` forces the portable one (to compare them, or to rule the addon out).
 */
import { createRequire } from 'node:module';
import { crc32cPortable } from './crc32c-portable';

type NativeCrc32c = (input: Uint8Array, initialState?: number) => number;

/** Measured crossover on this machine: below ~256 bytes the portable code wins. */
const NATIVE_MIN_BYTES = 256;

export type Crc32cImplementation = { kind: 'native' } | { kind: 'portable'; reason: string };

function loadNative(): { fn: NativeCrc32c | null; implementation: Crc32cImplementation } {
  if (process.env.EDDY_CRC32C === 'portable') return { fn: null, implementation: { kind: 'portable', reason: 'EDDY_CRC32C=portable' } };
  try {
    const addon = createRequire(import.meta.url)('@node-rs/crc32') as { crc32c?: unknown };
    if (typeof addon.crc32c !== 'function') throw new Error('@node-rs/crc32 has no crc32c function');
    const fn = addon.crc32c as NativeCrc32c;
    // Refuse an addon that disagrees with the standard check value rather than corrupt every batch.
    if (fn(Buffer.from('123456789')) >>> 0 !== 0xe3069283) throw new Error('@node-rs/crc32 gives a wrong check value');
    return { fn, implementation: { kind: 'native' } };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { fn: null, implementation: { kind: 'portable', reason: `the native addon did not load (${message})` } };
  }
}

const loaded = loadNative();
const native = loaded.fn;

/** Which implementation this process uses, and why not the native one when it doesn't. */
export const crc32cImplementation: Crc32cImplementation = loaded.implementation;

/**
 * Continues a CRC-32C over `bytes[start, end)`. Pass the result of a previous call as `crc` to
 * checksum discontiguous ranges; start with 0. Returns an unsigned 32-bit value.
 */
export function crc32c(bytes: Uint8Array, start = 0, end = bytes.length, crc = 0): number {
  if (native === null || end - start < NATIVE_MIN_BYTES) return crc32cPortable(bytes, start, end, crc);
  return native(new Uint8Array(bytes.buffer, bytes.byteOffset + start, end - start), crc) >>> 0;
}
