/**
 * The on-disk format of the committed-offsets journal (`<data>/__consumer_offsets/offsets.journal`):
 *
 *   header: 8 bytes "EDDYOFS" + format version 0x01
 *   frames: int32 payload length, uint32 CRC-32C of the payload, payload (a `journal-record` payload)
 *
 * A snapshot has exactly the same format (a journal that holds one record per live key), so the
 * journal is compacted by writing a snapshot and renaming it over the journal.
 *
 * `scanJournal` reads frames up to the first one that is incomplete, fails its CRC or does not
 * decode: everything from there on is a torn tail (a write cut short by a crash) to be truncated.
 * Pure: works on bytes, touches no file.
 */
import { crc32c } from '../records/crc32c';
import { decodeJournalRecord, encodeJournalRecord, type JournalRecord } from './journal-record';

export const JOURNAL_HEADER = Buffer.from([0x45, 0x44, 0x44, 0x59, 0x4f, 0x46, 0x53, 0x01]); // "EDDYOFS" v1
const FRAME_OVERHEAD = 8;
/** No record comes near this; a larger length is a torn or corrupt frame. */
const MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

export function encodeFrame(record: JournalRecord): Buffer {
  const payload = encodeJournalRecord(record);
  const frame = Buffer.allocUnsafe(FRAME_OVERHEAD + payload.length);
  frame.writeInt32BE(payload.length, 0);
  frame.writeUInt32BE(crc32c(payload), 4);
  payload.copy(frame, FRAME_OVERHEAD);
  return frame;
}

export function encodeFrames(records: readonly JournalRecord[]): Buffer {
  return Buffer.concat(records.map(encodeFrame));
}

export type JournalScan =
  /** `validEnd`: bytes worth keeping; `tornTail`: why the rest (if any) is dropped. */
  | { ok: true; records: JournalRecord[]; validEnd: number; tornTail: string | null }
  | { ok: false; reason: string };

export function scanJournal(bytes: Buffer): JournalScan {
  if (bytes.length < JOURNAL_HEADER.length) {
    // A file cut short while its header was written holds nothing; anything else is not ours.
    if (JOURNAL_HEADER.subarray(0, bytes.length).equals(bytes)) return { ok: true, records: [], validEnd: 0, tornTail: bytes.length > 0 ? 'incomplete header' : null };
    return { ok: false, reason: 'it does not start with the offsets journal header' };
  }
  const magic = bytes.subarray(0, JOURNAL_HEADER.length - 1);
  if (!magic.equals(JOURNAL_HEADER.subarray(0, JOURNAL_HEADER.length - 1))) return { ok: false, reason: 'it does not start with the offsets journal header' };
  const version = bytes[JOURNAL_HEADER.length - 1];
  if (version !== JOURNAL_HEADER[JOURNAL_HEADER.length - 1]) return { ok: false, reason: `it has format version ${version}, which this version of Eddy does not read` };

  const records: JournalRecord[] = [];
  let at = JOURNAL_HEADER.length;
  while (at < bytes.length) {
    if (bytes.length - at < FRAME_OVERHEAD) return { ok: true, records, validEnd: at, tornTail: 'incomplete frame header' };
    const length = bytes.readInt32BE(at);
    if (length < 1 || length > MAX_PAYLOAD_BYTES) return { ok: true, records, validEnd: at, tornTail: `impossible frame length ${length}` };
    const end = at + FRAME_OVERHEAD + length;
    if (end > bytes.length) return { ok: true, records, validEnd: at, tornTail: 'incomplete frame' };
    const payload = bytes.subarray(at + FRAME_OVERHEAD, end);
    if (crc32c(payload) !== bytes.readUInt32BE(at + 4)) return { ok: true, records, validEnd: at, tornTail: 'frame CRC mismatch' };
    try {
      records.push(decodeJournalRecord(payload));
    } catch (error) {
      return { ok: true, records, validEnd: at, tornTail: `undecodable record (${(error as Error).message})` };
    }
    at = end;
  }
  return { ok: true, records, validEnd: at, tornTail: null };
}
