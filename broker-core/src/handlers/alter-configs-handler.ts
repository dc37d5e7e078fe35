/**
 * AlterConfigs (key 33), v0–v2, Kafka's legacy form: the configs given replace every override of
 * the resource (a config left out returns to its default).
 * - TOPIC: an illegal name is INVALID_TOPIC_EXCEPTION, an unknown topic UNKNOWN_TOPIC_OR_PARTITION,
 *   a config named twice INVALID_REQUEST, an unknown config or a bad value INVALID_CONFIG; the new
 *   set is validated whole before anything changes.
 * - BROKER: there are no dynamic broker configs here, so a non-empty set is refused with
 *   INVALID_REQUEST saying how to set them; an empty one (no overrides) already holds.
 * - anything else: INVALID_REQUEST (config-resource.ts).
 * `validateOnly` runs every check and changes nothing. Resources succeed or fail independently.
 */
import type { BrokerState } from '../cluster/broker-state';
import { ErrorCode } from '../protocol/generated/errors';
import { AlterConfigsApi, type AlterConfigsRequestAlterConfigsResource } from '../protocol/generated/index';
import { validateTopicName } from '../storage/topic-name';
import { AdminRefusal } from './admin-refusal';
import { defineHandler } from './api-handler';
import { alterEachResource, brokerResourceScope, checkNoDuplicateKeys, ConfigResourceType, refuseBrokerConfigChange, unsupportedResourceType } from './config-resource';

type ResourceRequest = AlterConfigsRequestAlterConfigsResource;

function alter(broker: BrokerState, resource: ResourceRequest, validateOnly: boolean, clientId: string | null): void {
  const { resourceType, resourceName } = resource;
  const names = resource.configs.map((config) => config.name);
  switch (resourceType) {
    case ConfigResourceType.TOPIC: {
      validateTopicName(resourceName);
      if (!broker.logs.hasTopic(resourceName)) throw new AdminRefusal(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `topic "${resourceName}" does not exist`);
      checkNoDuplicateKeys(names);
      broker.logs.alterConfigs(resourceName, Object.fromEntries(resource.configs.map((config) => [config.name, config.value])), { validateOnly });
      if (!validateOnly) broker.logger.info(`configs of topic "${resourceName}" replaced with {${names.join(', ')}} for client ${clientId ?? '(no client id)'}`);
      return;
    }
    case ConfigResourceType.BROKER: {
      const scope = brokerResourceScope(resourceName, broker.nodeId);
      checkNoDuplicateKeys(names);
      if (names.length > 0) throw refuseBrokerConfigChange(scope, broker.nodeId, names);
      return;
    }
    default:
      throw unsupportedResourceType(resourceType, resourceName);
  }
}

export const alterConfigsHandler = defineHandler({
  api: AlterConfigsApi,
  minVersion: 0,
  maxVersion: 2,
  handle(request, { broker, clientId }) {
    const responses = alterEachResource(broker, request.resources, (resource) => alter(broker, resource, request.validateOnly, clientId));
    return { throttleTimeMs: 0, responses };
  },
});
