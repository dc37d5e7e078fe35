/**
 * Recently written bytes of the partitions consumers are tailing, kept in memory, so consumers
 * near the end of a log (the usual case: tailing, or several groups reading the same recent data)
 * are answered without reading the segment file. Node cannot sendfile(2) to a socket, so a fetch
 * served from the file costs two kernel copies per byte (pread into memory, then the socket
 * write); served from here it costs one. Kafka leaves this to the OS page cache; Redpanda keeps a
 * batch cache of its own, as this one.
 *
 * What is cached: appends to a partition that a consumer has read in the last seconds (the
 * partition log decides, partition-log.ts); a partition nobody reads costs nothing. What a fetch
 * reads from the files is not kept (no read-through): taking fresh memory costs more than the
 * copy it saves unless the bytes are read many times (measured: page faults cost ~3-4 ms per MiB
 * on this project's VMs against ~0.1-0.2 ms per MiB for a read from the page cache; a consumer
 * replaying a log through a growing cache was about half as fast as one reading the files).
 *
 * Memory: one broker-wide budget (`log.tail.cache.bytes`; 0 turns the cache off) in blocks of
 * `blockBytes`. Each segment has a `TailRun`: blocks covering ranges of its file, in file order.
 * A batch never straddles two blocks (one that does not fit in what is left of a block starts the
 * next), so every block starts and ends on batch boundaries and a read returns whole batches from
 * one block, handed out as they are (no copy) to readers that `hold` (a fetch response) and copied
 * for the others. A batch larger than a block is not cached.
 *
 * Fresh memory is expensive to touch for the first time (a page fault per 4 KiB: 0.7 to 2.7 ms
 * per MiB on the VMs measured), so blocks are faulted in ahead of need on the thread pool (a read
 * from /dev/zero into them, where there is one), one batch of blocks at a time: the event loop
 * only copies into memory that is ready, and a write that finds no ready block is simply not
 * cached. (On a VM with shadow page tables the first copy by the process into such a block still
 * costs ~1.3 ms per MiB; only a touch from user space, on another thread, would avoid it. It is
 * paid once per block of the budget.) When the budget is spent, the block taken
 * longest ago is reused (first in, first out). A block a response still holds is not reused until
 * the response lets go of it. The blocks of a closed or deleted segment go back at once.
 */
import { openSync, read } from 'node:fs';
import { BATCH_LENGTH, LOG_OVERHEAD } from '../records/record-batch-layout';
import type { ReadMemory } from './read-buffer-pool';

const EMPTY = Buffer.alloc(0);
/**
 * Ready blocks kept in reserve: as many as are in use, between these bounds, so a small workload
 * takes a few MiB and a busy one gets memory as fast as it fills it.
 */
const MIN_RESERVE_BLOCKS = 4;
const MAX_RESERVE_BLOCKS = 64;
/**
 * Blocks faulted in by one read from /dev/zero, at most; one such read runs at a time, so growing
 * the cache takes one thread-pool thread, not every core (faulting in is that expensive).
 */
const PREPARE_BLOCKS = 16;
/** Arenas start at this many blocks and double, up to the largest (256 MiB with 1 MiB blocks). */
const FIRST_ARENA_BLOCKS = 16;
const MAX_ARENA_BLOCKS = 256;

interface Block {
  readonly buffer: Buffer;
  /** The run this block serves; null while free, or once taken back while a response held it. */
  run: TailRun | null;
  /** The file position of `buffer[0]`. */
  start: number;
  used: number;
  /** Responses that were handed bytes of this block and have not been sent yet. */
  holders: number;
}

export interface TailCacheOptions {
  budgetBytes: number;
  /** Default 1 MiB. */
  blockBytes?: number;
  /** Fault memory in on the thread pool before use (default true); false: allocate when needed. */
  prefault?: boolean;
}

export interface TailCacheStats {
  budgetBytes: number;
  /** Memory the cache has taken (≤ the budget). */
  allocatedBytes: number;
  /** Memory being faulted in on the thread pool (not ready yet). */
  preparingBytes: number;
  /** Bytes of batches held, ready to serve. */
  cachedBytes: number;
  /** Reads answered from memory, and reads that went to the file. */
  hits: number;
  misses: number;
}

/** /dev/zero, opened once per process (null where there is none). */
let zeroDevice: number | null | undefined;

function openZeroDevice(): number | null {
  if (zeroDevice === undefined) {
    try {
      zeroDevice = process.platform === 'win32' ? null : openSync('/dev/zero', 'r');
    } catch {
      zeroDevice = null;
    }
  }
  return zeroDevice;
}

export class TailCache {
  readonly blockBytes: number;
  private readonly maxBlocks: number;
  private readonly prefault: boolean;
  /** Blocks that exist (in runs, free, or held by responses after being taken back). */
  private allocated = 0;
  /** Blocks being faulted in on the thread pool. */
  private preparing = 0;
  private readonly free: Block[] = [];
  /** Where new blocks are carved from. */
  private arena: Buffer | null = null;
  private arenaUsed = 0;
  /** The size of the next arena, in blocks. */
  private arenaBlocks = FIRST_ARENA_BLOCKS;
  /** Blocks serving a run, oldest first (a Set keeps insertion order; deletion is O(1)). */
  private readonly inUse = new Set<Block>();
  private hits = 0;
  private misses = 0;

  constructor(options: TailCacheOptions) {
    this.blockBytes = options.blockBytes ?? 2 ** 20;
    if (!Number.isSafeInteger(this.blockBytes) || this.blockBytes < LOG_OVERHEAD) throw new Error(`tail cache block of ${this.blockBytes} bytes is too small`);
    this.maxBlocks = Math.max(0, Math.floor(options.budgetBytes / this.blockBytes));
    this.prefault = options.prefault ?? true;
  }

  get enabled(): boolean {
    return this.maxBlocks > 0;
  }

  /** The (empty) cached ranges of one segment. */
  run(): TailRun {
    return new TailRun(this);
  }

  stats(): TailCacheStats {
    let cachedBytes = 0;
    for (const block of this.inUse) cachedBytes += block.used;
    return { budgetBytes: this.maxBlocks * this.blockBytes, allocatedBytes: this.allocated * this.blockBytes, preparingBytes: this.preparing * this.blockBytes, cachedBytes, hits: this.hits, misses: this.misses };
  }

  /** Resolves once no memory is being prepared (tests). */
  async settled(): Promise<void> {
    while (this.preparing > 0) await new Promise((resolve) => setTimeout(resolve, 1));
  }

  /**
   * @internal A block for `run` starting at file `position`: a free one, else (budget spent) the
   * oldest one taken back. Null when none is ready (memory still being prepared, or every block
   * held by a response): the bytes are then not cached.
   */
  take(run: TailRun, position: number): Block | null {
    let block = this.free.pop();
    if (!block && this.allocated + this.preparing >= this.maxBlocks) {
      for (const oldest of this.inUse) {
        oldest.run!.drop(oldest);
        this.inUse.delete(oldest);
        oldest.run = null;
        // A held block goes to the free list when its last response lets go (unhold).
        if (oldest.holders === 0) {
          block = oldest;
          break;
        }
      }
    }
    this.prepare();
    if (!block) return null;
    block.run = run;
    block.start = position;
    block.used = 0;
    this.inUse.add(block);
    return block;
  }

  /** Keeps a reserve of ready blocks (as many as are in use, within bounds) while the budget allows. */
  private prepare(): void {
    if (this.preparing > 0) return; // one at a time; the next is started when it is done
    const reserve = Math.min(MAX_RESERVE_BLOCKS, Math.max(MIN_RESERVE_BLOCKS, this.inUse.size));
    const wanted = Math.min(PREPARE_BLOCKS, reserve - this.free.length, this.maxBlocks - this.allocated);
    if (wanted <= 0) return;
    if (!this.arena || this.arenaUsed === this.arena.length) {
      // Memory is reserved in large arenas (pages are only taken when touched): V8 counts every
      // allocation as external memory, and many smaller ones would each push it to collect.
      this.arena = Buffer.allocUnsafeSlow(Math.min(this.arenaBlocks, this.maxBlocks - this.allocated) * this.blockBytes);
      this.arenaBlocks = Math.min(MAX_ARENA_BLOCKS, this.arenaBlocks * 2);
      this.arenaUsed = 0;
    }
    const count = Math.min(wanted, (this.arena.length - this.arenaUsed) / this.blockBytes);
    const memory = this.arena.subarray(this.arenaUsed, this.arenaUsed + count * this.blockBytes);
    this.arenaUsed += memory.length;
    const blocks: Block[] = Array.from({ length: count }, (_, i) => ({ buffer: memory.subarray(i * this.blockBytes, (i + 1) * this.blockBytes), run: null, start: 0, used: 0, holders: 0 }));
    const ready = () => {
      this.allocated += count;
      this.free.push(...blocks);
    };
    const device = this.prefault ? openZeroDevice() : null;
    if (device === null) return ready();
    this.preparing += count;
    // The kernel writes zeros into every page on a thread-pool thread: the pages are faulted in there.
    read(device, memory, 0, memory.length, null, () => {
      this.preparing -= count;
      ready();
      this.prepare();
    });
  }

  /** @internal A run no longer needs `block`. */
  giveBack(block: Block): void {
    this.inUse.delete(block);
    block.run = null;
    if (block.holders === 0) this.free.push(block);
  }

  /** @internal Bytes [from, end) of `block` for a reader: as they are to one that holds, else a copy. */
  handOut(block: Block, from: number, end: number, memory: ReadMemory): Buffer {
    if (memory.hold) {
      block.holders++;
      memory.hold(() => this.unhold(block));
      return block.buffer.subarray(from, end);
    }
    const copy = memory.alloc(end - from);
    block.buffer.copy(copy, 0, from, end);
    return copy;
  }

  /** @internal A read answered from memory (`hit`) or not. */
  count(hit: boolean): void {
    if (hit) this.hits++;
    else this.misses++;
  }

  private unhold(block: Block): void {
    block.holders--;
    if (block.holders === 0 && block.run === null) this.free.push(block);
  }
}

/** The cached parts of one segment's file: blocks of whole batches, in file order, not overlapping. */
export class TailRun {
  private blocks: Block[] = [];

  constructor(private readonly cache: TailCache) {}

  /** Copies `buffers` (whole batches, back to back), just written at file `position` (the end). */
  record(position: number, buffers: readonly Buffer[]): void {
    if (!this.cache.enabled) return;
    let at = position;
    for (const bytes of buffers) {
      this.copy(bytes, at);
      at += bytes.length;
    }
  }

  private copy(bytes: Buffer, position: number): void {
    const blockBytes = this.cache.blockBytes;
    let block = this.blocks.at(-1);
    if (block && block.start + block.used !== position) block = undefined;
    if (block && block.used + bytes.length <= blockBytes) {
      bytes.copy(block.buffer, block.used);
      block.used += bytes.length;
      return;
    }
    // Batch by batch, each whole in one block.
    let offset = 0;
    while (offset < bytes.length) {
      const size = bytes.readInt32BE(offset + BATCH_LENGTH) + LOG_OVERHEAD;
      if (size > blockBytes) {
        block = undefined; // too large to cache
      } else {
        if (!block || block.used + size > blockBytes) {
          block = this.cache.take(this, position + offset) ?? undefined;
          if (!block) return; // no memory ready: the rest is not cached
          this.blocks.push(block);
        }
        bytes.copy(block.buffer, block.used, offset, offset + size);
        block.used += size;
      }
      offset += size;
    }
  }

  /**
   * Whole batches from `position` (a batch start) within `maxBytes`, from one block (at least the
   * first batch when `minOneBatch`), or null when `position` is not cached.
   */
  read(position: number, maxBytes: number, minOneBatch: boolean, memory: ReadMemory): Buffer | null {
    const index = this.indexAfter(position) - 1;
    const block = index >= 0 ? this.blocks[index] : undefined;
    if (!block || position >= block.start + block.used) {
      if (this.cache.enabled) this.cache.count(false);
      return null;
    }
    const from = position - block.start;
    const buffer = block.buffer;
    let end = from;
    while (end < block.used) {
      const size = buffer.readInt32BE(end + BATCH_LENGTH) + LOG_OVERHEAD;
      if (end + size - from > maxBytes) {
        if (end === from && minOneBatch) end += size;
        break;
      }
      end += size;
    }
    if (end === from) return EMPTY;
    this.cache.count(true);
    return this.cache.handOut(block, from, end, memory);
  }

  /** The index of the first block starting after `position` (blocks.length if none). */
  private indexAfter(position: number): number {
    const blocks = this.blocks;
    let low = 0;
    let high = blocks.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (blocks[middle].start <= position) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** @internal The cache takes `block` back. */
  drop(block: Block): void {
    const index = this.blocks.lastIndexOf(block);
    if (index >= 0) this.blocks.splice(index, 1);
  }

  /** Gives every block back (the segment was truncated, closed or deleted). */
  clear(): void {
    for (const block of this.blocks) this.cache.giveBack(block);
    this.blocks = [];
  }
}
