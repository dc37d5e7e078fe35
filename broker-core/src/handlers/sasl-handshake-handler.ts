/**
 * SaslHandshake (key 17), v0–v1, as the router serves it: on a listener without SASL, or on a SASL
 * connection that has already authenticated (security/sasl-authenticator.ts answers the handshake
 * before that). Kafka answers both with ILLEGAL_SASL_STATE and no mechanisms, and so does this;
 * the connection stays usable. Registered so that ApiVersions lists it, as Kafka's does.
 */
import { ErrorCode } from '../protocol/generated/errors';
import { SaslHandshakeApi } from '../protocol/generated/index';
import { defineHandler } from './api-handler';

export const saslHandshakeHandler = defineHandler({
  api: SaslHandshakeApi,
  minVersion: 0,
  maxVersion: 1,
  handle() {
    return { errorCode: ErrorCode.ILLEGAL_SASL_STATE, mechanisms: [] };
  },
});
