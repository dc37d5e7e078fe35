/**
 * Authorized-operations bit fields, as Kafka reports them when no authorizer is configured: every
 * operation the resource type supports is allowed. A bit is `1 << AclOperation code`
 * (READ 3, WRITE 4, CREATE 5, DELETE 6, ALTER 7, DESCRIBE 8, CLUSTER_ACTION 9, DESCRIBE_CONFIGS 10,
 * ALTER_CONFIGS 11, IDEMPOTENT_WRITE 12). Kafka sends INT32_MIN when the client did not ask.
 */

export const AUTHORIZED_OPERATIONS_OMITTED = -2147483648;

const bits = (...operations: number[]) => operations.reduce((mask, operation) => mask | (1 << operation), 0);

/** CREATE, ALTER, DESCRIBE, CLUSTER_ACTION, DESCRIBE_CONFIGS, ALTER_CONFIGS, IDEMPOTENT_WRITE. */
export const CLUSTER_OPERATIONS = bits(5, 7, 8, 9, 10, 11, 12);

/** READ, WRITE, CREATE, DELETE, ALTER, DESCRIBE, DESCRIBE_CONFIGS, ALTER_CONFIGS. */
export const TOPIC_OPERATIONS = bits(3, 4, 5, 6, 7, 8, 10, 11);

/** READ, DESCRIBE, DELETE. */
export const GROUP_OPERATIONS = bits(3, 6, 8);
