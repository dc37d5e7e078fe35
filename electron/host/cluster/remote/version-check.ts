/**
 * At connect, the cluster's protocol versions against what this console's Kafka client speaks:
 * ApiVersions v0 (which every Kafka broker answers in full, whatever it supports) over a client
 * connection, judged by diagnosis-api-versions.ts. A cluster too old for browsing is refused with
 * `UNSUPPORTED_VERSION`, naming the APIs, rather than failing later on a request it cannot read.
 */
import { createAPI, Writer, type Connection, type Reader } from '@platformatic/kafka';
import { judgeApiVersions } from './diagnosis-api-versions';
import type { ApiVersionsAnswer } from './api-versions-probe';
import { ClusterError } from '../cluster-admin';

/* ApiVersions Response v0 => error_code INT16 [api_key INT16 min_version INT16 max_version INT16] (non-flexible). */
function parseResponse(_correlationId: number, _apiKey: number, _apiVersion: number, reader: Reader): ApiVersionsAnswer {
  const errorCode = reader.readInt16();
  const apis = reader.readArray((r) => ({ key: r.readInt16(), min: r.readInt16(), max: r.readInt16() }), false, false);
  return { errorCode, apis };
}

/** ApiVersions v0: no request body, v0 headers both ways (no tagged fields). */
const apiVersionsV0 = createAPI<[], ApiVersionsAnswer>(18, 0, () => Writer.create(), parseResponse, false, false);

export async function checkProtocolVersions(connection: Connection, options: { sasl: boolean }): Promise<void> {
  const answer = await apiVersionsV0.async(connection);
  const verdict = judgeApiVersions(answer, options);
  if (!verdict.ok) throw new ClusterError('UNSUPPORTED_VERSION', `${verdict.detail} (from the cluster's ApiVersions answer)`);
}
