/**
 * Hands out producer ids (InitProducerId) that are never reused, even across restarts or a crash.
 *
 * Ids come in blocks: `<data>/producer-ids` holds the first id of the next unreserved block and is
 * rewritten atomically before any id of a new block is given out. A crash loses at most the rest
 * of one block (ids are 63-bit; that never runs out).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceFileAtomically } from '../storage/atomic-file';

const BLOCK_SIZE = 1000n;
const FILE_NAME = 'producer-ids';

export class ProducerIdAllocator {
  private next: bigint;
  private blockEnd: bigint;

  constructor(private readonly dataDir: string) {
    let reserved = 0n;
    try {
      const text = readFileSync(join(dataDir, FILE_NAME), 'utf8').trim();
      if (!/^\d+$/.test(text)) throw new Error(`${join(dataDir, FILE_NAME)} does not hold a producer id`);
      reserved = BigInt(text);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    this.next = reserved;
    this.blockEnd = reserved;
  }

  allocate(): bigint {
    if (this.next >= this.blockEnd) {
      this.blockEnd = this.next + BLOCK_SIZE;
      replaceFileAtomically(join(this.dataDir, FILE_NAME), `${this.blockEnd}\n`);
    }
    return this.next++;
  }
}
