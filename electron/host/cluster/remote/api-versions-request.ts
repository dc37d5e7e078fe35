/**
 * ApiVersions over a Kafka client connection: v0, which every Kafka broker since 0.10 answers in
 * full whatever it supports, or v3 for a broker that takes only v3 and later (it answers v0 with
 * its ApiVersions range only). What the cluster takes is asked at connect (version-check.ts) and
 * of each broker's connection the first time it is used (broker-connections.ts).
 */
import { apiVersionsV3, createAPI, Writer, type Connection, type Reader } from '@platformatic/kafka';
import type { ApiVersionsAnswer } from './api-versions-probe';

/* ApiVersions Response v0 => error_code INT16 [api_key INT16 min_version INT16 max_version INT16] (non-flexible). */
function parseResponse(_correlationId: number, _apiKey: number, _apiVersion: number, reader: Reader): ApiVersionsAnswer {
  const errorCode = reader.readInt16();
  const apis = reader.readArray((r) => ({ key: r.readInt16(), min: r.readInt16(), max: r.readInt16() }), false, false);
  return { errorCode, apis };
}

/** ApiVersions v0: no request body, v0 headers both ways (no tagged fields). */
const apiVersionsV0 = createAPI<[], ApiVersionsAnswer>(18, 0, () => Writer.create(), parseResponse, false, false);

const UNSUPPORTED_VERSION = 35;
const API_VERSIONS_KEY = 18;

/** The broker's versions: ApiVersions v0, then v3 for a broker that takes only v3 and later. */
export async function askApiVersions(connection: Connection): Promise<ApiVersionsAnswer> {
  const answer = await apiVersionsV0.async(connection);
  const onlyNewer = answer.errorCode === UNSUPPORTED_VERSION && answer.apis.length > 0 && answer.apis.every((api) => api.key === API_VERSIONS_KEY && api.max >= 3);
  if (!onlyNewer) return answer;
  const full = await apiVersionsV3.api.async(connection, 'eddy-console', '1');
  return { errorCode: full.errorCode, apis: full.apiKeys.map((api) => ({ key: api.apiKey, min: api.minVersion, max: api.maxVersion })) };
}

