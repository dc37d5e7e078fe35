/**
 * At connect, the cluster's protocol versions: ApiVersions over a client connection (v0, which
 * every Kafka broker since 0.10 answers in full whatever it supports, or v3 for a broker that
 * takes only v3 and later), judged by diagnosis-api-versions.ts. The versions become the
 * cluster's table, from which each of this console's own requests takes its version
 * (kafka-request.ts). A cluster too old to browse is refused with `UNSUPPORTED_VERSION`, naming
 * the APIs, rather than failing later on a request it cannot read.
 */
import type { Connection } from '@platformatic/kafka';
import { askApiVersions } from './api-versions-request';
import { judgeApiVersions, type ApiVersionsVerdict } from './diagnosis-api-versions';
import { ClusterError } from '../cluster-admin';

/** The cluster's versions, judged; throws UNSUPPORTED_VERSION in words when the console cannot browse it. */
export async function checkProtocolVersions(connection: Connection, options: { sasl: boolean }): Promise<ApiVersionsVerdict> {
  const verdict = judgeApiVersions(await askApiVersions(connection), options);
  if (!verdict.ok) throw new ClusterError('UNSUPPORTED_VERSION', `${verdict.detail} (from the cluster's ApiVersions answer)`);
  return verdict;
}
