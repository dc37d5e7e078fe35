/**
 * The `groups.*` domain of the contract: the embedded broker's consumer groups, how far behind
 * each one is (lag = high watermark − committed offset, per partition, as Kafka's
 * `kafka-consumer-groups --describe` computes it), resetting a group's offsets with a preview,
 * and deleting a group.
 *
 * Mirrors broker-core's `GroupCoordinator` views without importing them; the host maps one onto
 * the other. Offsets are plain JS numbers (safe integers).
 *
 * Reset is two calls on purpose: `groups.previewReset` computes, changes nothing, and says per
 * partition what the committed offset is, what it would become and how many records would be
 * read again or skipped; `groups.resetOffsets` then sets exactly the offsets the user saw. The
 * broker refuses a reset (and a delete) while the group has members, as Kafka does; the host
 * passes that refusal on as `REFUSED` with reason GROUP_NOT_EMPTY and the broker's words.
 */
import { z } from 'zod';

/** Largest number of groups one list (call or push) carries; the rest are counted in `total`. */
export const MAX_GROUPS_LISTED = 10_000;
/** Most partition rows one group description or one reset carries. */
export const MAX_GROUP_PARTITIONS = 10_000;
/** Most members one group description carries. */
export const MAX_GROUP_MEMBERS = 1000;
/** Lag samples kept per group: one a second for ten minutes. */
export const LAG_HISTORY_SAMPLES = 600;
/** How often the host samples every group's total lag. */
export const LAG_SAMPLE_INTERVAL_MS = 1000;
/** Most group ids one `groups.changed` push names before it says "all". */
export const MAX_CHANGED_GROUPS = 1000;

const groupIdSchema = z.string().min(1).max(1000);
const topicNameSchema = z.string().min(1).max(1000);
const offsetSchema = z.number().int().min(0);
const epochMsSchema = z.number().int().min(0);
const countSchema = z.number().int().min(0);

/**
 * Kafka's classic group states, by the names ListGroups returns, and Unknown: a state the cluster
 * did not name, or one this console does not know (the host maps KIP-848's Assigning and
 * Reconciling onto the classic rebalance states; see host/groups/group-state.ts).
 */
export const groupStateSchema = z.enum(['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead', 'Unknown']);
export type GroupState = z.infer<typeof groupStateSchema>;

export const groupSummarySchema = z.object({
  groupId: z.string(),
  state: groupStateSchema,
  /** "consumer" for Kafka consumers; null for a group that only stores offsets. */
  protocolType: z.string().nullable(),
  /** The selected protocol (for consumers, the assignor, e.g. "range"); null while none is. */
  protocolName: z.string().nullable(),
  /** null where the cluster does not say (a remote one's ListGroups has none). */
  generationId: z.number().int().nullable(),
  members: countSchema,
  /** Topics the group has committed offsets for or is assigned, sorted. */
  topics: z.array(z.string()).max(MAX_GROUP_PARTITIONS),
  /** Sum of the lag of every partition with a committed offset; null if it has none. */
  totalLag: countSchema.nullable(),
});
export type GroupSummary = z.infer<typeof groupSummarySchema>;

export const groupListSchema = z.object({
  /** Sorted by group id; at most MAX_GROUPS_LISTED. */
  groups: z.array(groupSummarySchema).max(MAX_GROUPS_LISTED),
  total: countSchema,
});
export type GroupList = z.infer<typeof groupListSchema>;

export const topicPartitionsSchema = z.object({ topic: z.string(), partitions: z.array(z.number().int().min(0)).max(MAX_GROUP_PARTITIONS) });
export type TopicPartitions = z.infer<typeof topicPartitionsSchema>;

export const groupMemberSchema = z.object({
  memberId: z.string(),
  groupInstanceId: z.string().nullable(),
  clientId: z.string(),
  clientHost: z.string(),
  /** The member's assigned partitions (empty until assigned); null if the assignment is not a consumer's. */
  assignment: z.array(topicPartitionsSchema).max(MAX_GROUP_PARTITIONS).nullable(),
});
export type GroupMember = z.infer<typeof groupMemberSchema>;

export const partitionLagSchema = z.object({
  topic: z.string(),
  partition: z.number().int().min(0),
  /** The group's committed offset; null for a partition assigned but never committed. */
  committedOffset: offsetSchema.nullable(),
  logStartOffset: offsetSchema,
  /** The end offset: where the next record will be written. */
  highWatermark: offsetSchema,
  /** highWatermark − committedOffset (never below 0); null without a committed offset. */
  lag: countSchema.nullable(),
  /** The client id of the member the partition is assigned to, or null. */
  assignedTo: z.string().nullable(),
  /** Epoch ms of the last commit; null if unknown. */
  committedAt: epochMsSchema.nullable(),
});
export type PartitionLag = z.infer<typeof partitionLagSchema>;

export const lagSampleSchema = z.object({ at: epochMsSchema, lag: countSchema });
export type LagSample = z.infer<typeof lagSampleSchema>;

export const groupDetailSchema = z.object({
  summary: groupSummarySchema,
  /** Epoch ms of the last state change; null where the cluster does not say (a remote one). */
  stateChangedAt: epochMsSchema.nullable(),
  members: z.array(groupMemberSchema).max(MAX_GROUP_MEMBERS),
  /** Sorted by topic, then partition. */
  partitions: z.array(partitionLagSchema).max(MAX_GROUP_PARTITIONS),
  /** Total lag, one sample a second, oldest first, at most LAG_HISTORY_SAMPLES. */
  lagHistory: z.array(lagSampleSchema).max(LAG_HISTORY_SAMPLES),
});
export type GroupDetail = z.infer<typeof groupDetailSchema>;

export const topicGroupLagSchema = z.object({
  groupId: z.string(),
  state: groupStateSchema,
  members: countSchema,
  /** The group's partitions of this topic only. */
  partitions: z.array(partitionLagSchema).max(MAX_GROUP_PARTITIONS),
  totalLag: countSchema.nullable(),
});
export type TopicGroupLag = z.infer<typeof topicGroupLagSchema>;

/** Where to move the committed offsets, as `kafka-consumer-groups --reset-offsets` names them. */
export const resetTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('earliest') }),
  z.strictObject({ kind: z.literal('latest') }),
  /** The first offset whose record timestamp is at or after this time (the end if none is). */
  z.strictObject({ kind: z.literal('timestamp'), timestamp: epochMsSchema }),
  /** This offset, clamped to the partition's log start and high watermark. */
  z.strictObject({ kind: z.literal('offset'), offset: offsetSchema }),
  /** The committed offset moved by this many records (negative: back), clamped. */
  z.strictObject({ kind: z.literal('shift'), by: z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER) }),
]);
export type ResetTarget = z.infer<typeof resetTargetSchema>;

export const resetPlanPartitionSchema = z.object({
  partition: z.number().int().min(0),
  currentOffset: offsetSchema.nullable(),
  newOffset: offsetSchema,
  logStartOffset: offsetSchema,
  highWatermark: offsetSchema,
  /** The target fell outside [log start, high watermark] and was moved to the nearer end. */
  clamped: z.boolean(),
  /** Records the group will read again (new < current); null without a committed offset. */
  reread: countSchema.nullable(),
  /** Records the group will skip (new > current); null without a committed offset. */
  skipped: countSchema.nullable(),
});
export type ResetPlanPartition = z.infer<typeof resetPlanPartitionSchema>;

export const resetPlanSchema = z.object({
  groupId: z.string(),
  topic: z.string(),
  partitions: z.array(resetPlanPartitionSchema).max(MAX_GROUP_PARTITIONS),
  reread: countSchema,
  skipped: countSchema,
  /** The group's members now: a reset with members is refused when applied. */
  members: countSchema,
  state: groupStateSchema,
});
export type ResetPlan = z.infer<typeof resetPlanSchema>;

const partitionListSchema = z.array(z.number().int().min(0)).min(1).max(MAX_GROUP_PARTITIONS);

export const groupsMethods = {
  'groups.list': {
    request: z.strictObject({}),
    response: groupListSchema,
  },
  /** A group with its members, per-partition lag and lag history; refused with GROUP_NOT_FOUND if it does not exist. */
  'groups.describe': {
    request: z.strictObject({ groupId: groupIdSchema }),
    response: groupDetailSchema,
  },
  /** Every group with committed offsets on (or assignments of) this topic, with its lag there. */
  'groups.lagForTopic': {
    request: z.strictObject({ topic: topicNameSchema }),
    response: z.object({ topic: z.string(), groups: z.array(topicGroupLagSchema).max(MAX_GROUPS_LISTED) }),
  },
  /** Computes a reset, changes nothing. `partitions` omitted: every partition of the topic. */
  'groups.previewReset': {
    request: z.strictObject({ groupId: groupIdSchema, topic: topicNameSchema, partitions: partitionListSchema.optional(), target: resetTargetSchema }),
    response: resetPlanSchema,
  },
  /** Sets these committed offsets (normally those a preview showed); refused while the group has members. */
  'groups.resetOffsets': {
    request: z.strictObject({
      groupId: groupIdSchema,
      topic: topicNameSchema,
      offsets: z.array(z.strictObject({ partition: z.number().int().min(0), offset: offsetSchema })).min(1).max(MAX_GROUP_PARTITIONS),
    }),
    response: z.object({ groupId: z.string(), topic: z.string(), offsets: z.array(z.object({ partition: z.number().int(), offset: offsetSchema })).max(MAX_GROUP_PARTITIONS) }),
  },
  /** Deletes a group and its offsets; refused while it has members. */
  'groups.delete': {
    request: z.strictObject({ groupId: groupIdSchema }),
    response: z.object({ groupId: z.string() }),
  },
} as const;

export const groupsChangedSchema = z.object({
  /** Groups whose state, members, offsets or lag changed since the last push, or 'all'. */
  groups: z.union([z.array(z.string()).max(MAX_CHANGED_GROUPS), z.literal('all')]),
});
export type GroupsChanged = z.infer<typeof groupsChangedSchema>;

export const lagSamplesSchema = z.object({
  at: epochMsSchema,
  /** Every group's total lag at `at` (groups without committed offsets left out). */
  groups: z.array(z.object({ groupId: z.string(), lag: countSchema })).max(MAX_GROUPS_LISTED),
});
export type LagSamples = z.infer<typeof lagSamplesSchema>;

export const groupsEvents = {
  /** The whole group list with lags, on any group change or write to a topic a group reads. At most ~5 a second. */
  'groups.list': groupListSchema,
  /** Which groups changed, so a page showing one re-reads it. At most ~5 a second. */
  'groups.changed': groupsChangedSchema,
  /** One lag sample per group, once a second while any group has committed offsets. */
  'groups.lagSamples': lagSamplesSchema,
} as const;
