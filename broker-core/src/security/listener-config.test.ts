import { describe, expect, it } from 'vitest';
import { BrokerConfig } from '../config/broker-config';
import { parseEndpoints, resolveListeners } from './listener-config';
import { loadListenerPlans, parseSaslMechanisms } from './listener-security';

const defaults = { port: 9092, host: undefined };
const listeners = (config: Record<string, string>) => resolveListeners(BrokerConfig.from(config), defaults);

describe('listeners', () => {
  it('defaults to one PLAINTEXT listener on --port, bound and advertised as before', () => {
    expect(listeners({})).toEqual([{ name: 'PLAINTEXT', securityProtocol: 'PLAINTEXT', host: undefined, port: 9092, advertised: { host: undefined, port: 0 } }]);
    expect(resolveListeners(BrokerConfig.from({}), { port: 0, host: '127.0.0.1' })[0]).toMatchObject({ host: '127.0.0.1', port: 0, advertised: { host: '127.0.0.1' } });
  });

  it("reads Kafka's syntax: names, empty and IPv6 hosts, the protocol map, advertised listeners", () => {
    const resolved = listeners({
      listeners: 'PLAINTEXT://:9092, sasl_ssl://[::1]:9093,CLIENT://0.0.0.0:9094',
      'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL,CLIENT:SASL_PLAINTEXT',
      'advertised.listeners': 'CLIENT://broker.example:19094',
    });
    expect(resolved.map(({ name, securityProtocol, host, port }) => [name, securityProtocol, host, port])).toEqual([
      ['PLAINTEXT', 'PLAINTEXT', undefined, 9092],
      ['SASL_SSL', 'SASL_SSL', '::1', 9093],
      ['CLIENT', 'SASL_PLAINTEXT', '0.0.0.0', 9094],
    ]);
    expect(resolved.map((listener) => listener.advertised)).toEqual([
      { host: undefined, port: 0 },
      { host: '::1', port: 0 },
      { host: 'broker.example', port: 19094 },
    ]);
  });

  it('says what is wrong with a bad listener', () => {
    expect(() => listeners({ listeners: 'FOO://:9092' })).toThrow(
      'invalid value "FOO://:9092" for broker config listeners: unknown security protocol or listener name FOO (known: PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL; another name needs an entry in listener.security.protocol.map)',
    );
    expect(() => parseEndpoints('listeners', 'localhost:9092')).toThrow('"localhost:9092" is not NAME://host:port');
    expect(() => parseEndpoints('listeners', 'PLAINTEXT://:9092,SSL://:9092')).toThrow('port 9092 is used by two listeners');
    expect(() => parseEndpoints('listeners', 'PLAINTEXT://:9092,PLAINTEXT://:9093')).toThrow('listener name PLAINTEXT appears twice');
    expect(() => parseEndpoints('listeners', 'PLAINTEXT://:70000')).toThrow('port 70000 of PLAINTEXT://:70000 is above 65535');
    expect(() => listeners({ listeners: 'PLAINTEXT://:9092', 'advertised.listeners': 'SSL://x:1' })).toThrow('listener SSL is not in listeners (PLAINTEXT)');
    expect(() => listeners({ 'listener.security.protocol.map': 'A:TLS' })).toThrow('unknown security protocol TLS');
  });
});

describe('listener security', () => {
  it('reads sasl.enabled.mechanisms and refuses one that is not served', () => {
    expect(parseSaslMechanisms('scram-sha-512, PLAIN')).toEqual(['SCRAM-SHA-512', 'PLAIN']);
    expect(() => parseSaslMechanisms('GSSAPI')).toThrow('GSSAPI is not served (served: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER)');
  });

  it('refuses a SASL listener without users or mechanisms, and a TLS listener without a key store', () => {
    expect(() => loadListenerPlans(BrokerConfig.from({ listeners: 'SASL_PLAINTEXT://:0' }), defaults)).toThrow(
      'listener SASL_PLAINTEXT uses SASL but no user is configured: give users with --config sasl.users=alice:secret,bob:pw or --sasl-users-file FILE',
    );
    expect(() => loadListenerPlans(BrokerConfig.from({ listeners: 'SASL_PLAINTEXT://:0', 'sasl.users': 'a:b', 'sasl.enabled.mechanisms': '' }), defaults)).toThrow('sasl.enabled.mechanisms is empty');
    expect(() => loadListenerPlans(BrokerConfig.from({ listeners: 'SSL://:0' }), defaults)).toThrow('a TLS listener (SSL or SASL_SSL) needs a key store');
    expect(() => loadListenerPlans(BrokerConfig.from({ listeners: 'SSL://:0', 'ssl.keystore.location': '/nonexistent/server.pem' }), defaults)).toThrow(
      'cannot read ssl.keystore.location /nonexistent/server.pem: no such file',
    );
    expect(() => loadListenerPlans(BrokerConfig.from({ listeners: 'SSL://:0', 'ssl.keystore.type': 'JKS', 'ssl.keystore.location': 'x.jks' }), defaults)).toThrow(
      /convert the key store to PKCS12 \(keytool -importkeystore .* -deststoretype PKCS12\)/,
    );
  });

  it('gives SASL settings only to SASL listeners and TLS options only to TLS ones', () => {
    const plans = loadListenerPlans(BrokerConfig.from({ listeners: 'PLAINTEXT://:0,SASL_PLAINTEXT://:0', 'sasl.users': 'alice:secret', 'sasl.enabled.mechanisms': 'PLAIN' }), defaults);
    expect(plans.map((plan) => [plan.name, plan.tls, plan.sasl?.mechanisms ?? null])).toEqual([
      ['PLAINTEXT', null, null],
      ['SASL_PLAINTEXT', null, ['PLAIN']],
    ]);
  });

  it('hides secrets from Broker.config and DescribeConfigs', () => {
    const config = BrokerConfig.from({ 'sasl.users': 'alice:secret', 'ssl.key.password': 'pw' });
    expect(config.toRecord()['sasl.users']).toBe('[hidden]');
    expect(config.toRecord()['ssl.key.password']).toBe('[hidden]');
    expect(config.toRecord()['ssl.keystore.key']).toBe('');
  });
});
