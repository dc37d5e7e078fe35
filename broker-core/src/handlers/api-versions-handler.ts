/**
 * ApiVersions (key 18), v0–v3: the served APIs and, for each, the one contiguous version range the
 * broker handles. v3 requests carry the client's software name and version, which Kafka checks
 * against a pattern; a bad one gets INVALID_REQUEST. (A request for a version above v3 never reaches
 * this handler: the router answers it in the v0 layout with UNSUPPORTED_VERSION.)
 */
import { ApiVersionsApi, type ApiVersionsResponse, type ApiVersionsResponseApiVersion } from '../protocol/generated/index';
import { ErrorCode } from '../protocol/generated/errors';
import { defineHandler, type ApiHandler } from './api-handler';

const softwarePattern = /^[a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?$/;

export function advertisedApiVersions(handlers: readonly ApiHandler[]): ApiVersionsResponseApiVersion[] {
  return handlers
    .map((handler) => ({ apiKey: handler.api.apiKey, minVersion: handler.minVersion, maxVersion: handler.maxVersion }))
    .sort((a, b) => a.apiKey - b.apiKey);
}

export function apiVersionsResponse(errorCode: number, apiKeys: ApiVersionsResponseApiVersion[]): ApiVersionsResponse {
  return { errorCode, apiKeys, throttleTimeMs: 0, supportedFeatures: [], finalizedFeaturesEpoch: -1n, finalizedFeatures: [], zkMigrationReady: false };
}

/** `servedHandlers` is read when a request arrives, so it includes handlers registered after this one. */
export function apiVersionsHandler(servedHandlers: () => readonly ApiHandler[]) {
  return defineHandler({
    api: ApiVersionsApi,
    minVersion: 0,
    maxVersion: 3,
    handle(request, context) {
      const valid =
        context.apiVersion < 3 || (softwarePattern.test(request.clientSoftwareName) && softwarePattern.test(request.clientSoftwareVersion));
      return apiVersionsResponse(valid ? ErrorCode.NONE : ErrorCode.INVALID_REQUEST, advertisedApiVersions(servedHandlers()));
    },
  });
}
