/**
 * The `topics.*` domain of the contract: the embedded broker's topics, their partitions and
 * their configs, and the admin operations on them (create, delete, add partitions, alter configs,
 * delete records).
 *
 * Mirrors broker-core's storage API (`LogManager`, `topic-name.ts`, `topic-config.ts`) without
 * importing it; the host maps one onto the other. Offsets and sizes are plain JS numbers (safe
 * integers): a local broker never gets near 2^53.
 *
 * Requests check shapes and bounds only. Domain rules (a legal topic name, a config value of the
 * right type, an offset below the high watermark) are the host's to enforce: it refuses with
 * `REFUSED` and the broker's own words, so the UI shows exactly what Kafka would say.
 * `topicNameProblem` restates Kafka's name rule so a form can check it as the user types.
 */
import { z } from 'zod';

/** Kafka's longest legal topic name. */
export const MAX_TOPIC_NAME_LENGTH = 249;
/** Largest number of topics one list (call or push) carries; the rest are counted in `total`. */
export const MAX_TOPICS_LISTED = 10_000;
/** Largest page of partitions one call returns. */
export const MAX_PARTITIONS_PAGE = 500;
/** Most partitions a topic may be created with or grown to from the console. */
export const MAX_PARTITIONS = 10_000;
/** Most topic names one `topics.changed` push names before it says "all" instead. */
export const MAX_CHANGED_TOPICS = 1000;

const LEGAL_TOPIC_NAME = /^[a-zA-Z0-9._-]+$/;

/**
 * What is wrong with `name` as a Kafka topic name, in words, or null if it is legal. The same
 * rules as Kafka's `Topic.validate` (and broker-core's `validateTopicName`).
 */
export function topicNameProblem(name: string): string | null {
  if (name.length === 0) return 'a topic name cannot be empty';
  if (name === '.' || name === '..') return 'a topic name cannot be "." or ".."';
  if (name.length > MAX_TOPIC_NAME_LENGTH) return `a topic name has at most ${MAX_TOPIC_NAME_LENGTH} characters (this one has ${name.length})`;
  if (!LEGAL_TOPIC_NAME.test(name)) return "a topic name may contain only ASCII letters, digits, '.', '_' and '-'";
  return null;
}

/** Any name the host may be asked about; whether it is legal is the host's call. */
const topicNameSchema = z.string().min(1).max(1000);
const offsetSchema = z.number().int().min(0);
const epochMsSchema = z.number().int().min(0);

export const topicSummarySchema = z.object({
  name: z.string(),
  topicId: z.string(),
  partitions: z.number().int().min(0),
  /** Records between log start and high watermark, summed over partitions. */
  records: z.number().int().min(0),
  /** Bytes of segment files on disk, summed over partitions; null where the cluster does not say (a remote one). */
  bytes: z.number().int().min(0).nullable(),
  /** Broker append time of the newest batch in any partition; null if never written to. */
  lastAppendTime: epochMsSchema.nullable(),
  /** null where the cluster does not say (a remote one). */
  createdAt: epochMsSchema.nullable(),
  /** How many configs the topic overrides; null when the cluster cannot say (a remote cluster without DescribeConfigs). */
  overrides: z.number().int().min(0).nullable(),
});
export type TopicSummary = z.infer<typeof topicSummarySchema>;

export const topicListSchema = z.object({
  /** Sorted by name; at most MAX_TOPICS_LISTED. */
  topics: z.array(topicSummarySchema).max(MAX_TOPICS_LISTED),
  /** Every topic, including those past the cap. */
  total: z.number().int().min(0),
});
export type TopicList = z.infer<typeof topicListSchema>;

export const partitionSummarySchema = z.object({
  partition: z.number().int().min(0),
  logStartOffset: offsetSchema,
  highWatermark: offsetSchema,
  records: z.number().int().min(0),
  /** Bytes and segment files on disk; null where the cluster does not say (a remote one). */
  bytes: z.number().int().min(0).nullable(),
  segments: z.number().int().min(0).nullable(),
  lastAppendTime: epochMsSchema.nullable(),
  /** Why the partition is offline (a failed fsync), or null. */
  offlineReason: z.string().nullable(),
});
export type PartitionSummary = z.infer<typeof partitionSummarySchema>;

export const partitionPageSchema = z.object({
  topic: topicSummarySchema,
  /** Index of the first partition in `partitions`. */
  offset: z.number().int().min(0),
  partitions: z.array(partitionSummarySchema).max(MAX_PARTITIONS_PAGE),
});
export type PartitionPage = z.infer<typeof partitionPageSchema>;

/** Where a value in force comes from, by Kafka's DescribeConfigs source names. */
export const configSourceSchema = z.enum(['DYNAMIC_TOPIC_CONFIG', 'DYNAMIC_BROKER_CONFIG', 'DYNAMIC_DEFAULT_BROKER_CONFIG', 'STATIC_BROKER_CONFIG', 'DEFAULT_CONFIG']);
export type ConfigSource = z.infer<typeof configSourceSchema>;

export const configTypeSchema = z.enum(['BOOLEAN', 'STRING', 'INT', 'LONG', 'DOUBLE', 'LIST']);
export type ConfigType = z.infer<typeof configTypeSchema>;

export const topicConfigEntrySchema = z.object({
  name: z.string(),
  /** The value in force. */
  value: z.string(),
  source: configSourceSchema,
  /** The topic sets it (source DYNAMIC_TOPIC_CONFIG); resetting removes the override. */
  overridden: z.boolean(),
  /** What the value is without the topic's override: the broker's setting or Kafka's default. */
  defaultValue: z.string(),
  defaultSource: z.enum(['DYNAMIC_BROKER_CONFIG', 'DYNAMIC_DEFAULT_BROKER_CONFIG', 'STATIC_BROKER_CONFIG', 'DEFAULT_CONFIG']),
  type: configTypeSchema,
  /** The values allowed, for enums, booleans and lists; null for free-form values. */
  allowedValues: z.array(z.string()).nullable(),
  /** Numeric bounds for INT and LONG (as strings: a LONG bound may exceed 2^53). */
  range: z.object({ min: z.string(), max: z.string() }).nullable(),
  documentation: z.string(),
  /** Whether Eddy acts on it; others are stored and described, as Kafka would, but do nothing here. */
  enforced: z.boolean(),
  readOnly: z.boolean(),
});
export type TopicConfigEntry = z.infer<typeof topicConfigEntrySchema>;

export const topicConfigsSchema = z.object({
  topic: z.string(),
  /** Every topic config, sorted by name. */
  configs: z.array(topicConfigEntrySchema).max(500),
});
export type TopicConfigs = z.infer<typeof topicConfigsSchema>;

const configNameSchema = z.string().min(1).max(255);
const configValueSchema = z.string().max(10_000);

export const configOperationSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('SET'), name: configNameSchema, value: configValueSchema }),
  /** Removes the topic's override, so the default applies again. */
  z.strictObject({ op: z.literal('DELETE'), name: configNameSchema }),
]);
export type ConfigOperation = z.infer<typeof configOperationSchema>;

export const deleteRecordsTargetSchema = z.strictObject({
  partition: z.number().int().min(0),
  /** Records below this offset are deleted; -1 means up to the high watermark (everything). */
  offset: z.number().int().min(-1),
});
export type DeleteRecordsTarget = z.infer<typeof deleteRecordsTargetSchema>;

export const topicsMethods = {
  'topics.list': {
    request: z.strictObject({}),
    response: topicListSchema,
  },
  /** One page of a topic's partitions, with the topic's summary. */
  'topics.listPartitions': {
    request: z.strictObject({
      name: topicNameSchema,
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(MAX_PARTITIONS_PAGE),
    }),
    response: partitionPageSchema,
  },
  'topics.describeConfigs': {
    request: z.strictObject({ name: topicNameSchema }),
    response: topicConfigsSchema,
  },
  'topics.create': {
    request: z.strictObject({
      name: topicNameSchema,
      /** Omitted: the broker's `num.partitions`. */
      partitions: z.number().int().min(1).max(MAX_PARTITIONS).optional(),
      /** Config overrides by Kafka name (`retention.ms`, `segment.bytes`, …). */
      configs: z
        .record(configNameSchema, configValueSchema)
        .refine((configs) => Object.keys(configs).length <= 100, 'at most 100 configs')
        .optional(),
      /** Check everything, create nothing. */
      validateOnly: z.boolean().optional(),
    }),
    response: topicSummarySchema,
  },
  'topics.delete': {
    request: z.strictObject({ name: topicNameSchema }),
    response: z.object({ name: z.string() }),
  },
  /** Grows a topic to `totalCount` partitions; the count can only increase. */
  'topics.createPartitions': {
    request: z.strictObject({ name: topicNameSchema, totalCount: z.number().int().min(1).max(MAX_PARTITIONS) }),
    response: topicSummarySchema,
  },
  /** Kafka's IncrementalAlterConfigs: every operation applies, or none does. */
  'topics.alterConfigs': {
    request: z.strictObject({
      name: topicNameSchema,
      operations: z.array(configOperationSchema).min(1).max(100),
      validateOnly: z.boolean().optional(),
    }),
    response: topicConfigsSchema,
  },
  /** Kafka's DeleteRecords: moves each partition's log start offset up; checked for all before any moves. */
  'topics.deleteRecords': {
    request: z.strictObject({
      name: topicNameSchema,
      partitions: z.array(deleteRecordsTargetSchema).min(1).max(MAX_PARTITIONS),
      /**
       * An offset past a partition's high watermark means "up to the high watermark" instead of
       * a refusal (to purge every partition "before offset N" when some hold fewer records).
       */
      clampToHighWatermark: z.boolean().optional(),
    }),
    response: z.object({
      topic: z.string(),
      partitions: z.array(z.object({ partition: z.number().int().min(0), logStartOffset: offsetSchema })).max(MAX_PARTITIONS),
    }),
  },
} as const;

export const topicsChangedSchema = z.object({
  /** Topics whose partitions changed (appends, deleted records, new partitions), or 'all'. */
  topics: z.union([z.array(z.string()).max(MAX_CHANGED_TOPICS), z.literal('all')]),
  /** Topics whose configs changed. */
  configs: z.union([z.array(z.string()).max(MAX_CHANGED_TOPICS), z.literal('all')]),
});
export type TopicsChanged = z.infer<typeof topicsChangedSchema>;

export const topicsEvents = {
  /** The whole topic list, whenever a topic is created, deleted, grown, written or purged. At most ~5 a second. */
  'topics.list': topicListSchema,
  /** Which topics changed since the last push, so a view showing one re-reads it. At most ~5 a second. */
  'topics.changed': topicsChangedSchema,
} as const;
