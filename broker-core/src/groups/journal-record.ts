/**
 * The records of the committed-offsets journal and their binary payloads. Every record is an
 * idempotent upsert or tombstone keyed by group (and topic-partition), so replaying a record twice
 * (a snapshot followed by a journal that repeats some of it) gives the same state.
 *
 * Payload layout (big-endian; string = int16 length + UTF-8, nullable string = -1 for null,
 * bytes = int32 length + bytes; times are int64 epoch ms):
 *   1 offset-commit : group, topic, int32 partition, int64 offset, int32 leaderEpoch,
 *                     string metadata, int64 commitTimestamp, int64 expireTimestamp (-1 = none)
 *   2 offset-delete : group, topic, int32 partition
 *   3 group-metadata: group, nullable protocolType, int32 generation, nullable protocolName,
 *                     nullable leader, int64 stateTimestamp, int32 member count, then per member:
 *                     memberId, nullable instanceId, clientId, clientHost, int32 rebalanceTimeout,
 *                     int32 sessionTimeout, bytes metadata (selected protocol), bytes assignment
 *   4 group-delete  : group
 * A new kind of record gets a new type byte; existing layouts never change.
 */
import { ProtocolReader } from '../protocol/primitives/reader';
import { ProtocolWriter } from '../protocol/primitives/writer';

export interface PersistedMember {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  rebalanceTimeoutMs: number;
  sessionTimeoutMs: number;
  /** The member's metadata for the group's selected protocol. */
  metadata: Buffer;
  assignment: Buffer;
}

export interface PersistedGroup {
  groupId: string;
  protocolType: string | null;
  generationId: number;
  protocolName: string | null;
  leaderId: string | null;
  stateTimestamp: number;
  /** Empty for an empty group; the members of a stable group. */
  members: PersistedMember[];
}

export type JournalRecord =
  | {
      type: 'offset-commit';
      groupId: string;
      topic: string;
      partition: number;
      offset: bigint;
      leaderEpoch: number;
      metadata: string;
      commitTimestamp: number;
      expireTimestamp: number | null;
    }
  | { type: 'offset-delete'; groupId: string; topic: string; partition: number }
  | { type: 'group-metadata'; group: PersistedGroup }
  | { type: 'group-delete'; groupId: string };

const TYPE_CODES = { 'offset-commit': 1, 'offset-delete': 2, 'group-metadata': 3, 'group-delete': 4 } as const;

export function encodeJournalRecord(record: JournalRecord): Buffer {
  const writer = new ProtocolWriter(128);
  writer.writeInt8(TYPE_CODES[record.type]);
  switch (record.type) {
    case 'offset-commit':
      writer.writeString(record.groupId);
      writer.writeString(record.topic);
      writer.writeInt32(record.partition);
      writer.writeInt64(record.offset);
      writer.writeInt32(record.leaderEpoch);
      writer.writeString(record.metadata);
      writer.writeInt64(BigInt(record.commitTimestamp));
      writer.writeInt64(BigInt(record.expireTimestamp ?? -1));
      break;
    case 'offset-delete':
      writer.writeString(record.groupId);
      writer.writeString(record.topic);
      writer.writeInt32(record.partition);
      break;
    case 'group-metadata': {
      const group = record.group;
      writer.writeString(group.groupId);
      writer.writeNullableString(group.protocolType);
      writer.writeInt32(group.generationId);
      writer.writeNullableString(group.protocolName);
      writer.writeNullableString(group.leaderId);
      writer.writeInt64(BigInt(group.stateTimestamp));
      writer.writeInt32(group.members.length);
      for (const member of group.members) {
        writer.writeString(member.memberId);
        writer.writeNullableString(member.groupInstanceId);
        writer.writeString(member.clientId);
        writer.writeString(member.clientHost);
        writer.writeInt32(member.rebalanceTimeoutMs);
        writer.writeInt32(member.sessionTimeoutMs);
        writer.writeBytes(member.metadata);
        writer.writeBytes(member.assignment);
      }
      break;
    }
    case 'group-delete':
      writer.writeString(record.groupId);
      break;
  }
  return writer.finish();
}

/** Decodes one payload; throws (ProtocolDecodeError or Error) if it is not a whole, known record. */
export function decodeJournalRecord(payload: Buffer): JournalRecord {
  const reader = new ProtocolReader(payload);
  const code = reader.readInt8('record type');
  let record: JournalRecord;
  switch (code) {
    case 1: {
      const groupId = reader.readString('group');
      const topic = reader.readString('topic');
      const partition = reader.readInt32('partition');
      const offset = reader.readInt64('offset');
      const leaderEpoch = reader.readInt32('leader epoch');
      const metadata = reader.readString('metadata');
      const commitTimestamp = Number(reader.readInt64('commit timestamp'));
      const expireTimestamp = Number(reader.readInt64('expire timestamp'));
      record = { type: 'offset-commit', groupId, topic, partition, offset, leaderEpoch, metadata, commitTimestamp, expireTimestamp: expireTimestamp < 0 ? null : expireTimestamp };
      break;
    }
    case 2:
      record = { type: 'offset-delete', groupId: reader.readString('group'), topic: reader.readString('topic'), partition: reader.readInt32('partition') };
      break;
    case 3: {
      const group: PersistedGroup = {
        groupId: reader.readString('group'),
        protocolType: reader.readNullableString('protocol type'),
        generationId: reader.readInt32('generation'),
        protocolName: reader.readNullableString('protocol name'),
        leaderId: reader.readNullableString('leader'),
        stateTimestamp: Number(reader.readInt64('state timestamp')),
        members: [],
      };
      const count = reader.readInt32('member count');
      if (count < 0 || count > payload.length) throw new Error(`bad member count ${count}`);
      for (let i = 0; i < count; i++) {
        group.members.push({
          memberId: reader.readString('member id'),
          groupInstanceId: reader.readNullableString('group instance id'),
          clientId: reader.readString('client id'),
          clientHost: reader.readString('client host'),
          rebalanceTimeoutMs: reader.readInt32('rebalance timeout'),
          sessionTimeoutMs: reader.readInt32('session timeout'),
          metadata: Buffer.from(reader.readBytes('metadata')),
          assignment: Buffer.from(reader.readBytes('assignment')),
        });
      }
      record = { type: 'group-metadata', group };
      break;
    }
    case 4:
      record = { type: 'group-delete', groupId: reader.readString('group') };
      break;
    default:
      throw new Error(`unknown journal record type ${code}`);
  }
  if (reader.remaining !== 0) throw new Error(`${reader.remaining} unexpected bytes after a ${record.type} record`);
  return record;
}
