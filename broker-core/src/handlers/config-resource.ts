/**
 * The resources of DescribeConfigs, AlterConfigs and IncrementalAlterConfigs: Kafka's resource type
 * ids, and the checks Kafka makes of a resource's name before looking at its configs (with
 * Kafka's messages). Each check throws an `AdminRefusal` that becomes that resource's error.
 *
 * BROKER resources name this broker by its node id, or the cluster-wide defaults by "". This
 * broker has no dynamic broker configs (they are set at start-up), so an alteration that would
 * change one is refused with INVALID_REQUEST, saying how to set it instead; an empty one changes
 * nothing and succeeds. BROKER_LOGGER: there are no log4j loggers here to describe or set.
 */
import { ErrorCode } from '../protocol/generated/errors';
import type { BrokerState } from '../cluster/broker-state';
import { adminFailure, AdminRefusal } from './admin-refusal';

export const ConfigResourceType = {
  TOPIC: 2,
  BROKER: 4,
  BROKER_LOGGER: 8,
  CLIENT_METRICS: 16,
  GROUP: 32,
} as const;

export type BrokerResourceScope = 'cluster-default' | 'this-broker';

const invalidRequest = (message: string) => new AdminRefusal(ErrorCode.INVALID_REQUEST, message);

function brokerIdOf(resourceName: string): number {
  if (!/^-?\d+$/.test(resourceName.trim())) throw invalidRequest(`Broker id must be an integer, but it is: ${resourceName}`);
  return Number(resourceName.trim());
}

/** A BROKER resource: "" is the cluster-wide default, otherwise it must be this broker's id. */
export function brokerResourceScope(resourceName: string, nodeId: number): BrokerResourceScope {
  if (resourceName === '') return 'cluster-default';
  if (brokerIdOf(resourceName) !== nodeId) throw invalidRequest(`Unexpected broker id, expected ${nodeId} or empty string, but received ${resourceName}`);
  return 'this-broker';
}

/** A BROKER_LOGGER resource names this broker; it has no loggers to describe or set. */
export function refuseBrokerLogger(resourceName: string, nodeId: number): never {
  if (resourceName === '') throw invalidRequest('Broker id must not be empty');
  if (brokerIdOf(resourceName) !== nodeId) throw invalidRequest(`Unexpected broker id, expected ${nodeId} but received ${resourceName}`);
  throw invalidRequest(`broker ${nodeId} has no log4j loggers: BROKER_LOGGER resources cannot be described or altered on this broker`);
}

/** Resource types this request cannot be about here (CLIENT_METRICS, GROUP, anything unknown; BROKER_LOGGER for AlterConfigs). */
export function unsupportedResourceType(resourceType: number, resourceName: string): AdminRefusal {
  const known: Record<number, string> = {
    [ConfigResourceType.BROKER_LOGGER]: 'BROKER_LOGGER',
    [ConfigResourceType.CLIENT_METRICS]: 'CLIENT_METRICS',
    [ConfigResourceType.GROUP]: 'GROUP',
  };
  const what = known[resourceType] ?? `resource type ${resourceType}`;
  return invalidRequest(`Unsupported resource type: ${what} (resource "${resourceName}"); this broker holds configs of TOPIC and BROKER resources only`);
}

/** Refuses an alteration of broker configs (this broker has no dynamic broker configs). */
export function refuseBrokerConfigChange(scope: BrokerResourceScope, nodeId: number, names: readonly string[]): AdminRefusal {
  const target = scope === 'cluster-default' ? 'the cluster-wide broker defaults' : `broker ${nodeId}`;
  return invalidRequest(
    `Cannot update these configs dynamically: ${names.join(', ')} (on ${target}). This broker has no dynamic broker configs; set them when it starts (--config name=value) and restart it. Topic configs can be altered at any time.`,
  );
}

/** Kafka refuses a request that names the same config twice in one resource. */
export function checkNoDuplicateKeys(names: readonly string[]): void {
  if (new Set(names).size !== names.length) {
    const repeated = [...new Set(names.filter((name, index) => names.indexOf(name) !== index))];
    throw invalidRequest(`Error due to duplicate config keys: ${repeated.join(', ')}`);
  }
}

export interface ConfigResourceResult {
  errorCode: number;
  errorMessage: string | null;
  resourceType: number;
  resourceName: string;
}

/**
 * AlterConfigs and IncrementalAlterConfigs answer per resource: each is altered on its own, and a
 * refusal or failure of one is that resource's error, not the request's.
 */
export function alterEachResource<Resource extends { resourceType: number; resourceName: string }>(
  broker: BrokerState,
  resources: readonly Resource[],
  alter: (resource: Resource) => void,
): ConfigResourceResult[] {
  return resources.map((resource) => {
    const { resourceType, resourceName } = resource;
    try {
      alter(resource);
      return { errorCode: ErrorCode.NONE, errorMessage: null, resourceType, resourceName };
    } catch (error) {
      const failure = adminFailure(error, broker.logger, `altering the configs of resource ${resourceType} "${resourceName}"`);
      return { errorCode: failure.errorCode, errorMessage: failure.message, resourceType, resourceName };
    }
  });
}
