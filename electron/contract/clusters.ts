/**
 * The `clusters.*` domain: the clusters the console can show ("connections" in the UI). The embedded broker is always
 * there (id `embedded`, not editable); remote clusters are added, edited, duplicated, removed,
 * tested, and opened, one at a time.
 *
 * Secrets (SASL passwords, OAuth client secrets and static tokens, client keys) go to the host
 * and never come back: a summary says only whether one is stored, and an edit that sends `null`
 * for a secret keeps the stored one. Where secrets are kept is stated in `secretStorage`, so the
 * UI can say it (Electron's safeStorage in the desktop app; a file only the user can read in serve
 * mode).
 */
import { z } from 'zod';

export const EMBEDDED_CLUSTER_ID = 'embedded';
export const MAX_CLUSTER_CONNECTIONS = 200;

export const securityProtocolSchema = z.enum(['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL']);
export type SecurityProtocolName = z.infer<typeof securityProtocolSchema>;

const secret = z.string().max(100_000).nullable();
const pem = z.string().max(200_000).nullable();

export const saslInputSchema = z.union([
  z.strictObject({ mechanism: z.enum(['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512']), username: z.string().min(1).max(1000), password: secret }),
  z.strictObject({ mechanism: z.literal('OAUTHBEARER'), kind: z.literal('token'), token: secret }),
  z.strictObject({
    mechanism: z.literal('OAUTHBEARER'),
    kind: z.literal('client-credentials'),
    tokenEndpoint: z.url().max(2000),
    clientId: z.string().min(1).max(1000),
    clientSecret: secret,
    scope: z.string().max(1000).nullable(),
  }),
]);
export type SaslInput = z.infer<typeof saslInputSchema>;

/** What the user enters; a null secret on an edit keeps the stored one. */
export const clusterConnectionInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  bootstrapServers: z.array(z.string().trim().min(1).max(300)).min(1).max(50),
  clientId: z.string().trim().min(1).max(200),
  securityProtocol: securityProtocolSchema,
  sasl: saslInputSchema.nullable(),
  tls: z.strictObject({
    /** PEM CA certificate(s) to trust; null: the system's CAs. */
    ca: pem,
    /** PEM client certificate; its key is a secret. */
    cert: pem,
    key: secret,
    skipVerify: z.boolean(),
  }),
  readOnly: z.boolean(),
});
export type ClusterConnectionInput = z.infer<typeof clusterConnectionInputSchema>;

export const clusterConnectionSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(['embedded', 'remote']),
  name: z.string(),
  colour: z.string(),
  bootstrapServers: z.array(z.string()),
  clientId: z.string(),
  securityProtocol: securityProtocolSchema,
  /** The SASL settings without secrets. */
  sasl: z
    .object({
      mechanism: z.enum(['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER']),
      username: z.string().nullable(),
      oauth: z.enum(['token', 'client-credentials']).nullable(),
      tokenEndpoint: z.string().nullable(),
      oauthClientId: z.string().nullable(),
      scope: z.string().nullable(),
      /** A password, token or client secret is stored. */
      hasSecret: z.boolean(),
    })
    .nullable(),
  tls: z.object({ ca: z.string().nullable(), cert: z.string().nullable(), hasKey: z.boolean(), skipVerify: z.boolean() }),
  readOnly: z.boolean(),
  /** Added by `--cluster NAME=HOST:PORT` on this run's command line. */
  fromCommandLine: z.boolean(),
});
export type ClusterConnectionSummary = z.infer<typeof clusterConnectionSummarySchema>;

/** What a cluster may not offer this console (an older Kafka, a service without some APIs). */
export const clusterFeatureSchema = z.enum(['createTopic', 'deleteTopic', 'createPartitions', 'topicConfigs', 'alterConfigs', 'deleteRecords', 'listGroups', 'describeGroup', 'groupOffsets', 'alterGroupOffsets', 'deleteGroup', 'produce']);
export type ClusterFeature = z.infer<typeof clusterFeatureSchema>;

export const clusterConnectionStateSchema = z.object({
  /** The connection the views show. */
  activeId: z.string(),
  state: z.enum(['connecting', 'connected', 'reconnecting', 'failed']),
  /** Why it is not connected, in words; null when connected. */
  problem: z.string().nullable(),
  /** When reconnecting: the next attempt, epoch ms. */
  nextAttemptAt: z.number().nullable(),
  attempt: z.number().int().min(0),
  /** When connected: what this cluster cannot do for the console, each with why in words (the views disable those actions, saying so). */
  unavailable: z.array(z.object({ feature: clusterFeatureSchema, reason: z.string() })).max(clusterFeatureSchema.options.length),
});
export type ClusterConnectionState = z.infer<typeof clusterConnectionStateSchema>;

export const clusterConnectionListSchema = z.object({
  /** The embedded broker first, then the remote ones by name. */
  connections: z.array(clusterConnectionSummarySchema).max(MAX_CLUSTER_CONNECTIONS + 1),
  current: clusterConnectionStateSchema,
  secretStorage: z.object({
    kind: z.enum(['os-encryption', 'user-file']),
    /** In words, for the form: where secrets are kept and who can read them. */
    description: z.string(),
  }),
});
export type ClusterConnectionList = z.infer<typeof clusterConnectionListSchema>;

export const clusterDiagnosisStepSchema = z.object({
  step: z.enum(['bootstrap', 'tls', 'authentication', 'api-versions', 'brokers']),
  status: z.enum(['ok', 'failed', 'skipped']),
  detail: z.string(),
});

export const clusterDiagnosisSchema = z.object({
  ok: z.boolean(),
  summary: z.string(),
  steps: z.array(clusterDiagnosisStepSchema).max(10),
});
export type ClusterDiagnosis = z.infer<typeof clusterDiagnosisSchema>;

export const clusterOverviewSchema = z.object({
  /** The connection this describes (answers for another are never shown under this one's name). */
  connectionId: z.string(),
  clusterId: z.string().nullable(),
  controllerId: z.number().int().nullable(),
  brokers: z.array(z.object({ nodeId: z.number().int(), host: z.string(), port: z.number().int(), rack: z.string().nullable() })).max(10_000),
  topics: z.number().int().min(0),
  partitions: z.number().int().min(0),
});
export type ClusterOverview = z.infer<typeof clusterOverviewSchema>;

const idSchema = z.string().min(1).max(100);

export const clustersMethods = {
  'clusters.list': { request: z.strictObject({}), response: clusterConnectionListSchema },
  /** Adds (id null) or edits a remote connection. */
  'clusters.save': { request: z.strictObject({ id: idSchema.nullable(), connection: clusterConnectionInputSchema }), response: clusterConnectionSummarySchema },
  'clusters.remove': { request: z.strictObject({ id: idSchema }), response: z.object({ id: z.string() }) },
  /** A copy named "<name> (copy)", secrets included. */
  'clusters.duplicate': { request: z.strictObject({ id: idSchema }), response: clusterConnectionSummarySchema },
  /** Tries the settings (a null secret: the stored one of `id`) without saving them. */
  'clusters.test': { request: z.strictObject({ id: idSchema.nullable(), connection: clusterConnectionInputSchema }), response: clusterDiagnosisSchema },
  /** Shows this connection in every view; resolves once connected or failed. */
  'clusters.open': { request: z.strictObject({ id: idSchema }), response: clusterConnectionStateSchema },
  /** The open cluster's brokers, controller and size (the Broker view of a remote cluster). */
  'clusters.describe': { request: z.strictObject({}), response: clusterOverviewSchema },
} as const;

export const clustersEvents = {
  'clusters.list': clusterConnectionListSchema,
  'clusters.state': clusterConnectionStateSchema,
} as const;
