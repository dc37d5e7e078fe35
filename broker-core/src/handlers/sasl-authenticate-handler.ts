/**
 * SaslAuthenticate (key 36), v0–v2, as the router serves it: outside an authentication exchange
 * (security/sasl-authenticator.ts serves the exchange itself). Kafka answers ILLEGAL_SASL_STATE
 * with "SaslAuthenticate request received after successful authentication"; so does this, and the
 * connection stays usable. Registered so that ApiVersions lists it, as Kafka's does.
 */
import { ErrorCode } from '../protocol/generated/errors';
import { SaslAuthenticateApi } from '../protocol/generated/index';
import { defineHandler } from './api-handler';

export const saslAuthenticateHandler = defineHandler({
  api: SaslAuthenticateApi,
  minVersion: 0,
  maxVersion: 2,
  handle() {
    return { errorCode: ErrorCode.ILLEGAL_SASL_STATE, errorMessage: 'SaslAuthenticate request received after successful authentication', authBytes: Buffer.alloc(0), sessionLifetimeMs: 0n };
  },
});
