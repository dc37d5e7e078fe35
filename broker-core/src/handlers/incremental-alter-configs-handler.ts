/**
 * IncrementalAlterConfigs (key 44), v0–v1: per resource, a list of operations — SET (0), DELETE
 * (1, back to the default), APPEND (2) and SUBTRACT (3, list configs only) — applied all or
 * nothing.
 * - TOPIC: APPEND and SUBTRACT start from the config's default when there is no override, as in
 *   Kafka. An illegal name is INVALID_TOPIC_EXCEPTION, an unknown topic UNKNOWN_TOPIC_OR_PARTITION,
 *   a config named twice or an unknown operation INVALID_REQUEST, a missing value INVALID_REQUEST
 *   (as Kafka), an unknown config, a bad value or APPEND/SUBTRACT on a non-list INVALID_CONFIG.
 * - BROKER: no dynamic broker configs here; any operation is refused with INVALID_REQUEST saying
 *   how to set them (an empty list changes nothing and succeeds).
 * - BROKER_LOGGER and anything else: INVALID_REQUEST (config-resource.ts).
 * `validateOnly` runs every check and changes nothing. Resources succeed or fail independently.
 */
import type { BrokerState } from '../cluster/broker-state';
import { ErrorCode } from '../protocol/generated/errors';
import {
  IncrementalAlterConfigsApi,
  type IncrementalAlterConfigsRequestAlterConfigsResource,
  type IncrementalAlterConfigsRequestAlterableConfig,
} from '../protocol/generated/index';
import type { AlterConfigOp, AlterConfigOperation } from '../storage/topic-config';
import { validateTopicName } from '../storage/topic-name';
import { AdminRefusal } from './admin-refusal';
import { defineHandler } from './api-handler';
import { alterEachResource, brokerResourceScope, checkNoDuplicateKeys, ConfigResourceType, refuseBrokerConfigChange, refuseBrokerLogger, unsupportedResourceType } from './config-resource';

type ResourceRequest = IncrementalAlterConfigsRequestAlterConfigsResource;

/** Kafka's AlterConfigOp.OpType ids. */
const OPERATIONS: readonly AlterConfigOp[] = ['SET', 'DELETE', 'APPEND', 'SUBTRACT'];

function operationOf(config: IncrementalAlterConfigsRequestAlterableConfig): AlterConfigOperation {
  const op = OPERATIONS[config.configOperation];
  if (op === undefined) {
    throw new AdminRefusal(ErrorCode.INVALID_REQUEST, `Unknown config operation type ${config.configOperation} for ${config.name} (0 SET, 1 DELETE, 2 APPEND, 3 SUBTRACT)`);
  }
  if (op !== 'DELETE' && config.value === null) {
    throw new AdminRefusal(ErrorCode.INVALID_REQUEST, `Null value not supported for : ${config.name} (${op} needs a value; DELETE removes an override)`);
  }
  return { name: config.name, op, value: config.value };
}

function alter(broker: BrokerState, resource: ResourceRequest, validateOnly: boolean, clientId: string | null): void {
  const { resourceType, resourceName } = resource;
  const names = resource.configs.map((config) => config.name);
  switch (resourceType) {
    case ConfigResourceType.TOPIC: {
      validateTopicName(resourceName);
      if (!broker.logs.hasTopic(resourceName)) throw new AdminRefusal(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `topic "${resourceName}" does not exist`);
      checkNoDuplicateKeys(names);
      const operations = resource.configs.map(operationOf);
      broker.logs.incrementalAlterConfigs(resourceName, operations, { validateOnly });
      if (!validateOnly && operations.length > 0) {
        const summary = operations.map((operation) => `${operation.op} ${operation.name}`).join(', ');
        broker.logger.info(`configs of topic "${resourceName}" altered (${summary}) for client ${clientId ?? '(no client id)'}`);
      }
      return;
    }
    case ConfigResourceType.BROKER: {
      const scope = brokerResourceScope(resourceName, broker.nodeId);
      checkNoDuplicateKeys(names);
      if (names.length > 0) throw refuseBrokerConfigChange(scope, broker.nodeId, names);
      return;
    }
    case ConfigResourceType.BROKER_LOGGER:
      return refuseBrokerLogger(resourceName, broker.nodeId);
    default:
      throw unsupportedResourceType(resourceType, resourceName);
  }
}

export const incrementalAlterConfigsHandler = defineHandler({
  api: IncrementalAlterConfigsApi,
  minVersion: 0,
  maxVersion: 1,
  handle(request, { broker, clientId }) {
    const responses = alterEachResource(broker, request.resources, (resource) => alter(broker, resource, request.validateOnly, clientId));
    return { throttleTimeMs: 0, responses };
  },
});
