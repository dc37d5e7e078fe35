import { describe, expect, it } from 'vitest';
import { clusterSummary } from '../../test-support/fake-host-api';
import { bootstrapProblem, draftOf, draftProblems, emptyClusterDraft, inputOf, NO_STORED_SECRETS, storedSecretsOf, type ClusterDraft } from './cluster-form-draft';

const CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----';

const draft = (patch: Partial<ClusterDraft>): ClusterDraft => ({ ...emptyClusterDraft(), name: 'staging', bootstrap: 'kafka-1:9092', ...patch });

describe('the connection form’s draft', () => {
  it('reads bootstrap servers separated by commas or new lines, and says which one is not host:port', () => {
    expect(bootstrapProblem('kafka-1.staging:9092, kafka-2.staging:9092\n10.0.0.3:9093\n[::1]:9092')).toBeNull();
    expect(bootstrapProblem('  ')).toBe('Enter at least one server as host:port.');
    expect(bootstrapProblem('kafka-1:9092,kafka-2')).toBe('"kafka-2" is not host:port (a port from 1 to 65535).');
    expect(bootstrapProblem('kafka-1:70000')).toBe('"kafka-1:70000" is not host:port (a port from 1 to 65535).');
    expect(bootstrapProblem('http://kafka:9092')).not.toBeNull();
  });

  it('asks for what the chosen protocol and mechanism need, at their fields', () => {
    expect(draftProblems(emptyClusterDraft(), NO_STORED_SECRETS)).toEqual({ name: 'Give the connection a name.', bootstrap: 'Enter at least one server as host:port.' });
    expect(draftProblems(draft({ securityProtocol: 'SASL_SSL' }), NO_STORED_SECRETS)).toEqual({ username: 'Enter the user name.', password: 'Enter the password.' });
    expect(draftProblems(draft({ securityProtocol: 'SASL_PLAINTEXT', saslMechanism: 'OAUTHBEARER', oauthKind: 'client-credentials', tokenEndpoint: 'not a url' }), NO_STORED_SECRETS)).toEqual({
      tokenEndpoint: 'A full address, like https://auth.example.com/oauth2/token.',
      oauthClientId: 'Enter the client id.',
      clientSecret: 'Enter the client secret.',
    });
    expect(draftProblems(draft({ securityProtocol: 'SSL', caMode: 'custom', ca: 'nope', cert: CERT }), NO_STORED_SECRETS)).toEqual({
      ca: 'Paste the CA certificate in PEM (-----BEGIN CERTIFICATE----- …).',
      key: 'A client certificate needs its private key.',
    });
    expect(draftProblems(draft({ colour: 'red', clientId: ' ' }), NO_STORED_SECRETS)).toMatchObject({ colour: 'A colour as #rrggbb.', clientId: expect.any(String) });
  });

  it('builds the contract’s input, leaving out what the protocol does not use', () => {
    const input = inputOf(draft({ bootstrap: 'a:1,\n b:2 ', securityProtocol: 'SASL_SSL', username: 'ada', password: 's3cret', caMode: 'custom', ca: CERT, cert: CERT, key: KEY, skipVerify: true, readOnly: true }), NO_STORED_SECRETS);
    expect(input).toEqual({
      name: 'staging',
      colour: '#6366f1',
      bootstrapServers: ['a:1', 'b:2'],
      clientId: 'eddy-console',
      securityProtocol: 'SASL_SSL',
      sasl: { mechanism: 'PLAIN', username: 'ada', password: 's3cret' },
      tls: { ca: CERT, cert: CERT, key: KEY, skipVerify: true },
      readOnly: true,
    });
    expect(inputOf(draft({ username: 'ada', password: 'x', skipVerify: true, ca: CERT, caMode: 'custom' }), NO_STORED_SECRETS)).toMatchObject({ sasl: null, tls: { ca: null, cert: null, key: null, skipVerify: false } });
  });

  it('never shows stored secrets: an edit leaves them empty and sends null to keep them, unless the mechanism changed', () => {
    const summary = clusterSummary('staging', {
      securityProtocol: 'SASL_SSL',
      sasl: { mechanism: 'SCRAM-SHA-512', username: 'ada', oauth: null, tokenEndpoint: null, oauthClientId: null, scope: null, hasSecret: true },
      tls: { ca: null, cert: CERT, hasKey: true, skipVerify: false },
    });
    const edit = draftOf(summary);
    const stored = storedSecretsOf(summary);
    expect(edit.password).toBe('');
    expect(edit.key).toBe('');
    expect(draftProblems(edit, stored)).toEqual({});
    expect(inputOf(edit, stored)).toMatchObject({ sasl: { mechanism: 'SCRAM-SHA-512', username: 'ada', password: null }, tls: { cert: CERT, key: null } });
    expect(inputOf({ ...edit, password: 'new' }, stored).sasl).toEqual({ mechanism: 'SCRAM-SHA-512', username: 'ada', password: 'new' });
    expect(draftProblems({ ...edit, saslMechanism: 'PLAIN' }, stored)).toEqual({ password: 'Enter the password.' });
  });
});
