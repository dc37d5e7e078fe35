/**
 * FindCoordinator (key 10), v0–v6: this broker coordinates every group. v0–v3 ask for one key,
 * v4+ for a batch (`coordinatorKeys`), answered one entry per key. Key type 0 is a group; key type
 * 1 (a transactional id) gets COORDINATOR_NOT_AVAILABLE, Kafka's answer while no transaction
 * coordinator is available (clients retry and, if transactions are never served, time out);
 * any other key type gets INVALID_REQUEST, as Kafka does.
 * Error messages follow Kafka, which sends its error's name ("NONE") even on success.
 */
import type { BrokerState } from '../cluster/broker-state';
import type { GroupCoordinator } from '../groups/group-coordinator';
import { ErrorCode } from '../protocol/generated/errors';
import { FindCoordinatorApi } from '../protocol/generated/index';
import { defineHandler } from './api-handler';

const GROUP_KEY = 0;
const TRANSACTION_KEY = 1;

interface Located {
  errorCode: number;
  errorMessage: string | null;
  nodeId: number;
  host: string;
  port: number;
}

function locate(keyType: number, coordinator: GroupCoordinator, broker: BrokerState, advertised: { host: string; port: number }): Located {
  const noNode = { nodeId: -1, host: '', port: -1 };
  if (keyType === GROUP_KEY) {
    if (!coordinator.isActive) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, errorMessage: 'The coordinator is not available.', ...noNode };
    return { errorCode: ErrorCode.NONE, errorMessage: 'NONE', nodeId: broker.nodeId, host: advertised.host, port: advertised.port };
  }
  if (keyType === TRANSACTION_KEY) {
    return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, errorMessage: 'The coordinator is not available (this broker has no transaction coordinator).', ...noNode };
  }
  return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Unknown coordinator type received: ${keyType}`, ...noNode };
}

export function createFindCoordinatorHandler(coordinator: GroupCoordinator) {
  return defineHandler({
    api: FindCoordinatorApi,
    minVersion: 0,
    maxVersion: 6,
    handle(request, { broker, apiVersion, advertised }) {
      if (apiVersion >= 4) {
        const coordinators = request.coordinatorKeys.map((key) => ({ key, ...locate(request.keyType, coordinator, broker, advertised) }));
        return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, errorMessage: null, nodeId: -1, host: '', port: -1, coordinators };
      }
      return { throttleTimeMs: 0, ...locate(request.keyType, coordinator, broker, advertised), coordinators: [] };
    },
  });
}
