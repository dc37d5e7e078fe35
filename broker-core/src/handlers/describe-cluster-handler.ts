/**
 * DescribeCluster (key 60), v0–v1: this broker, the cluster id and the controller (itself).
 * v1 asks for an endpoint type: brokers (1) are served; asking a broker for controllers (2) gets
 * MISMATCHED_ENDPOINT_TYPE and any other type UNSUPPORTED_ENDPOINT_TYPE, as from Kafka.
 */
import { AUTHORIZED_OPERATIONS_OMITTED, CLUSTER_OPERATIONS } from '../cluster/authorized-operations';
import { ErrorCode } from '../protocol/generated/errors';
import { DescribeClusterApi } from '../protocol/generated/index';
import { defineHandler } from './api-handler';

const BROKERS_ENDPOINT = 1;
const CONTROLLERS_ENDPOINT = 2;

function endpointError(endpointType: number): number {
  if (endpointType === BROKERS_ENDPOINT) return ErrorCode.NONE;
  return endpointType === CONTROLLERS_ENDPOINT ? ErrorCode.MISMATCHED_ENDPOINT_TYPE : ErrorCode.UNSUPPORTED_ENDPOINT_TYPE;
}

export const describeClusterHandler = defineHandler({
  api: DescribeClusterApi,
  minVersion: 0,
  maxVersion: 1,
  handle(request, { broker, advertised }) {
    const errorCode = endpointError(request.endpointType);
    const wrongEndpoint = errorCode !== ErrorCode.NONE;
    return {
      throttleTimeMs: 0,
      errorCode,
      errorMessage: wrongEndpoint ? `this broker serves endpoint type ${BROKERS_ENDPOINT} (brokers) only, not ${request.endpointType}` : null,
      endpointType: request.endpointType,
      clusterId: broker.clusterId,
      controllerId: broker.nodeId,
      brokers: wrongEndpoint ? [] : [{ brokerId: broker.nodeId, host: advertised.host, port: advertised.port, rack: null }],
      clusterAuthorizedOperations: request.includeClusterAuthorizedOperations ? CLUSTER_OPERATIONS : AUTHORIZED_OPERATIONS_OMITTED,
    };
  },
});
