/**
 * Start-up of a partition's active (last) segment: find where its valid batches end, cut anything
 * after that, and bring its indexes in line. The only segment start-up reads; the others are
 * opened lazily (log-segment.ts).
 *
 * Both after a clean and an unclean stop, the tail after the last offset index entry (at most
 * `index.interval.bytes` plus one batch) is walked with full checks (batch-scanner.ts: length,
 * magic, CRC-32C) plus offset contiguity, and a torn or corrupt tail is truncated — so garbage
 * appended to a cleanly closed file is found too, for the price of a few KiB per partition.
 * After an unclean stop the index files are also checked entry by entry and cut at the first bad
 * one. A last index entry that does not name the batch it points at (its batch torn or lost) is
 * dropped, with the time index entries written with it, and the walk restarts from the entry
 * before. A missing offset or time index makes the whole segment be walked and both rebuilt. The append-time sidecar is cut
 * to the log's end and repaired as append-time-index.ts says.
 *
 * After a machine restart (power loss, OS crash: boot-identity.ts) unsynced writes may be lost
 * anywhere after the last fsync, so `checkInFull` walks the whole segment and rebuilds both
 * indexes from it, as for a missing index. That holds for the segments before the active one
 * too (a segment rolled shortly before the crash may not have been synced yet):
 * `recoverSealedSegment` checks one the same way and seals it again. One cut short leaves a gap
 * in the offsets before the next segment (those records were never fsynced, so never
 * acknowledged with acks=all); readers skip a gap as they do in a compacted topic.
 *
 * What was truncated or rebuilt is returned, for the partition to log.
 */
import type { IndexEntryBuilder, LogSegment } from './log-segment';
import { BatchScanner } from './batch-scanner';

export interface SegmentRecovery {
  /** Batches walked with full checks. */
  scannedBatches: number;
  scannedBytes: number;
  truncatedBytes: number;
  /** Why the tail was cut, when it was. */
  truncationReason: string | null;
  /** Why the indexes were rebuilt, when they were. */
  rebuiltIndexes: string | null;
}

interface TailScan {
  validEnd: number;
  nextOffset: number;
  batches: number;
  reason: string | null;
  /** The index entry the walk started from does not name the batch it points at. */
  indexMismatch: boolean;
  scannedBytes: number;
}

/** Walks from `start` (0, or the batch named by the last index entry) with full checks. */
function scanTail(segment: LogSegment, fileSize: number, start: number, indexedLastOffset: number | null, builder: IndexEntryBuilder): TailScan {
  const scanner = new BatchScanner(segment.logFd(), start, fileSize, true);
  let nextOffset = indexedLastOffset === null ? segment.baseOffset : indexedLastOffset + 1;
  let batches = 0;
  let reason: string | null = null;
  let validEnd = start;
  for (let batch = scanner.next(); batch; batch = scanner.next()) {
    if (batches === 0 && indexedLastOffset !== null) {
      if (batch.lastOffset !== indexedLastOffset) return { validEnd, nextOffset, batches, reason, indexMismatch: true, scannedBytes: 0 };
      if (batch.maxTimestamp > builder.maxTimestamp) {
        builder.maxTimestamp = batch.maxTimestamp;
        builder.offsetOfMaxTimestamp = batch.lastOffset;
      }
      builder.bytesSinceLastEntry = batch.size;
    } else {
      const expected = batches === 0 ? segment.baseOffset : nextOffset;
      if (batches === 0 ? batch.baseOffset < expected : batch.baseOffset !== expected) {
        reason = `at byte ${batch.position}: batch starts at offset ${batch.baseOffset}, expected ${expected}`;
        break;
      }
      builder.add(batch.position, batch.size, batch.lastOffset, batch.maxTimestamp);
    }
    nextOffset = batch.lastOffset + 1;
    validEnd = batch.position + batch.size;
    batches++;
  }
  if (reason === null && batches === 0 && indexedLastOffset !== null) {
    return { validEnd, nextOffset, batches, reason, indexMismatch: true, scannedBytes: 0 };
  }
  if (reason === null) reason = scanner.invalidReason;
  return { validEnd, nextOffset, batches, reason, indexMismatch: false, scannedBytes: validEnd - start };
}

/**
 * A segment before the active one, after a machine restart: every batch checked, cut at the first
 * bad one, indexes rebuilt, then sealed again (its files synced and closed for writing; a failed
 * sync is reported to `onSyncError`).
 */
export function recoverSealedSegment(segment: LogSegment, onSyncError: (error: unknown) => void): SegmentRecovery {
  const recovery = recoverActiveSegment(segment, false, true);
  segment.seal().catch(onSyncError);
  return recovery;
}

export function recoverActiveSegment(segment: LogSegment, clean: boolean, checkInFull = false): SegmentRecovery {
  segment.openForAppend();
  const fileSize = segment.fileStats().size;
  segment.size = fileSize;
  const offsets = segment.offsetIndex;
  const times = segment.timeIndex;
  let rebuild: string | null = null;
  let droppedEntries = 0;
  if (fileSize > 0 && (offsets.file.missing || times.file.missing)) rebuild = `${offsets.file.missing ? 'offset' : 'time'} index missing`;
  else if (fileSize > 0 && checkInFull) rebuild = 'the machine restarted since an unclean stop: every batch checked';

  if (!clean && !rebuild) {
    offsets.file.load();
    times.file.load();
    const validOffsets = offsets.validLength(fileSize);
    droppedEntries += offsets.file.length - validOffsets;
    offsets.file.truncate(validOffsets);
    times.file.truncate(times.validLength(Number.MAX_SAFE_INTEGER));
  }

  // Walk from the last index entry; an entry that does not name the batch it points at (written,
  // but its batch torn or lost) is dropped and the walk starts again from the one before.
  let scan: TailScan;
  let builder: IndexEntryBuilder;
  for (;;) {
    const last = rebuild ? null : offsets.lastEntry();
    // Time entries written with dropped offset entries name offsets after the kept last entry.
    if (!rebuild) times.truncateToOffset((last?.offset ?? segment.baseOffset - 1) + 1);
    const lastTime = rebuild ? null : times.lastEntry();
    segment.bytesSinceLastIndexEntry = 0;
    segment.maxTimestamp = lastTime?.timestamp ?? -1;
    segment.offsetOfMaxTimestamp = lastTime?.offset ?? -1;
    segment.lastIndexedTimestamp = lastTime?.timestamp ?? -1;
    builder = segment.indexEntryBuilder();
    scan = scanTail(segment, fileSize, last?.position ?? 0, last?.offset ?? null, builder);
    if (!scan.indexMismatch) break;
    offsets.file.load();
    offsets.file.truncate(offsets.file.length - 1);
    droppedEntries++;
  }

  if (rebuild) {
    offsets.file.replaceWith(builder.offsetIndexBytes());
    times.file.replaceWith(builder.timeIndexBytes());
    builder.offsetEntries.length = 0;
    builder.timeEntries.length = 0;
  } else if (droppedEntries > 0) {
    rebuild = `dropped ${droppedEntries} index entr${droppedEntries === 1 ? 'y' : 'ies'} naming batches that are not in the log`;
  }

  const truncatedBytes = fileSize - scan.validEnd;
  segment.truncateTo(scan.validEnd, scan.nextOffset);
  segment.writeIndexEntries(builder);

  const appendTimes = segment.appendTimeIndex;
  if (!clean || truncatedBytes > 0 || rebuild || appendTimes.file.missing) segment.repairAppendTimes();
  else segment.lastAppendTime = appendTimes.lastTime();

  return {
    scannedBatches: scan.batches,
    scannedBytes: scan.scannedBytes,
    truncatedBytes,
    truncationReason: truncatedBytes > 0 ? scan.reason : null,
    rebuiltIndexes: rebuild,
  };
}
