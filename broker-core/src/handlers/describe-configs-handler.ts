/**
 * DescribeConfigs (key 32), v0–v4, answered per resource as Kafka's ConfigHelper answers:
 * - TOPIC: every topic config with its value in force and where it comes from (the topic's
 *   override: DYNAMIC_TOPIC_CONFIG; a broker config set at start-up: STATIC_BROKER_CONFIG; Kafka's
 *   default: DEFAULT_CONFIG); an illegal name is INVALID_TOPIC_EXCEPTION, an unknown topic
 *   UNKNOWN_TOPIC_OR_PARTITION.
 * - BROKER: this broker's id gives its configs (all read-only, broker-config-entries.ts); "" gives
 *   the dynamic cluster-wide defaults, of which there are none; another id is INVALID_REQUEST.
 * - BROKER_LOGGER, CLIENT_METRICS, GROUP and unknown types: INVALID_REQUEST (config-resource.ts).
 * `configurationKeys` (null or empty: all) picks configs by name; names it does not know are left out.
 * v0 reports `isDefault` (the source is Kafka's default), v1+ the source and, when asked, the
 * synonyms (most specific first); v3+ the type and, when asked, the documentation.
 */
import type { BrokerState } from '../cluster/broker-state';
import { ErrorCode } from '../protocol/generated/errors';
import {
  DescribeConfigsApi,
  type DescribeConfigsRequest,
  type DescribeConfigsRequestDescribeConfigsResource,
  type DescribeConfigsResponseDescribeConfigsResourceResult,
  type DescribeConfigsResponseDescribeConfigsResult,
} from '../protocol/generated/index';
import { CONFIG_SOURCE_IDS, CONFIG_TYPE_IDS } from '../storage/topic-config';
import { validateTopicName } from '../storage/topic-name';
import { adminFailure, AdminRefusal } from './admin-refusal';
import { defineHandler } from './api-handler';
import { describeBrokerConfigs, type DescribedConfig } from './broker-config-entries';
import { brokerResourceScope, ConfigResourceType, refuseBrokerLogger, unsupportedResourceType } from './config-resource';

type ResourceRequest = DescribeConfigsRequestDescribeConfigsResource;
type ResourceResult = DescribeConfigsResponseDescribeConfigsResult;
type ConfigResult = DescribeConfigsResponseDescribeConfigsResourceResult;

function configsOf(broker: BrokerState, resource: ResourceRequest): DescribedConfig[] {
  const { resourceType, resourceName } = resource;
  switch (resourceType) {
    case ConfigResourceType.TOPIC:
      validateTopicName(resourceName);
      if (!broker.logs.hasTopic(resourceName)) throw new AdminRefusal(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `topic "${resourceName}" does not exist`);
      return broker.logs.describeConfigs(resourceName);
    case ConfigResourceType.BROKER:
      return brokerResourceScope(resourceName, broker.nodeId) === 'this-broker' ? describeBrokerConfigs(broker.config) : [];
    case ConfigResourceType.BROKER_LOGGER:
      return refuseBrokerLogger(resourceName, broker.nodeId);
    default:
      throw unsupportedResourceType(resourceType, resourceName);
  }
}

function configResult(entry: DescribedConfig, request: DescribeConfigsRequest): ConfigResult {
  return {
    name: entry.name,
    value: entry.sensitive ? null : entry.value,
    readOnly: entry.readOnly,
    isDefault: entry.source === 'DEFAULT_CONFIG',
    configSource: CONFIG_SOURCE_IDS[entry.source],
    isSensitive: entry.sensitive,
    synonyms: request.includeSynonyms
      ? entry.synonyms.map((synonym) => ({ name: synonym.name, value: entry.sensitive ? null : synonym.value, source: CONFIG_SOURCE_IDS[synonym.source] }))
      : [],
    configType: CONFIG_TYPE_IDS[entry.type],
    documentation: request.includeDocumentation ? entry.documentation : null,
  };
}

function describe(broker: BrokerState, resource: ResourceRequest, request: DescribeConfigsRequest): ResourceResult {
  const { resourceType, resourceName } = resource;
  try {
    const wanted = resource.configurationKeys === null || resource.configurationKeys.length === 0 ? null : new Set(resource.configurationKeys);
    const configs = configsOf(broker, resource)
      .filter((entry) => wanted === null || wanted.has(entry.name))
      .map((entry) => configResult(entry, request));
    return { errorCode: ErrorCode.NONE, errorMessage: null, resourceType, resourceName, configs };
  } catch (error) {
    const failure = adminFailure(error, broker.logger, `describing the configs of resource ${resourceType} "${resourceName}"`);
    return { errorCode: failure.errorCode, errorMessage: failure.message, resourceType, resourceName, configs: [] };
  }
}

export const describeConfigsHandler = defineHandler({
  api: DescribeConfigsApi,
  minVersion: 0,
  maxVersion: 4,
  handle(request, { broker }) {
    return { throttleTimeMs: 0, results: request.resources.map((resource) => describe(broker, resource, request)) };
  },
});
