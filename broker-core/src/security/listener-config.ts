/**
 * The broker's listeners, from Kafka's configs: `listeners` (`NAME://host:port`, comma-separated),
 * `advertised.listeners` (what Metadata tells a client of each listener) and
 * `listener.security.protocol.map` (a listener name to its security protocol; by default each
 * protocol names itself, so `SASL_SSL://:9093` is a SASL_SSL listener).
 *
 * Choices, where Kafka's own behaviour does not fit a local broker:
 * - An empty `listeners` (the default) is one PLAINTEXT listener on `--port` / `BrokerOptions.port`,
 *   so nothing changes for whoever never sets it. When `listeners` is set it says every listener
 *   and `--port` is not used.
 * - An empty host binds what the broker binds without one (`--host`, or loopback on IPv4 and
 *   IPv6); port 0 picks a free port, as `--port 0` does.
 * - An advertised listener with an empty host advertises the broker's advertised host
 *   (`localhost`), and port 0 the port actually bound. A listener missing from
 *   `advertised.listeners` is advertised as it is bound (a wildcard or empty host as the
 *   advertised host).
 *
 * Every mistake is an `InvalidBrokerConfigError` naming the config, the entry and what is allowed.
 */
import { InvalidBrokerConfigError } from '../config/broker-config';
import type { BrokerConfig } from '../config/broker-config';

export const SECURITY_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;
export type SecurityProtocol = (typeof SECURITY_PROTOCOLS)[number];

export function usesTls(protocol: SecurityProtocol): boolean {
  return protocol === 'SSL' || protocol === 'SASL_SSL';
}

export function usesSasl(protocol: SecurityProtocol): boolean {
  return protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL';
}

/** One listener to bind. `host` undefined: the broker's default binding. */
export interface ListenerSpec {
  name: string;
  securityProtocol: SecurityProtocol;
  host: string | undefined;
  port: number;
  /** What Metadata tells clients connected through it; host undefined: the broker's advertised host, port 0: the bound port. */
  advertised: { host: string | undefined; port: number };
}

interface Endpoint {
  name: string;
  host: string | undefined;
  port: number;
}

function invalid(configName: string, value: string, reason: string): InvalidBrokerConfigError {
  return new InvalidBrokerConfigError(`invalid value "${value}" for broker config ${configName}: ${reason}`);
}

/** `PLAINTEXT:PLAINTEXT,CLIENT:SASL_SSL` → listener name (upper case) → protocol. */
export function parseProtocolMap(value: string): Map<string, SecurityProtocol> {
  const map = new Map<string, SecurityProtocol>();
  for (const entry of value.split(',').map((item) => item.trim()).filter((item) => item !== '')) {
    const [name, protocol, ...rest] = entry.split(':').map((part) => part.trim().toUpperCase());
    if (!name || !protocol || rest.length > 0) throw invalid('listener.security.protocol.map', value, `"${entry}" is not NAME:PROTOCOL`);
    if (!(SECURITY_PROTOCOLS as readonly string[]).includes(protocol)) {
      throw invalid('listener.security.protocol.map', value, `unknown security protocol ${protocol} (known: ${SECURITY_PROTOCOLS.join(', ')})`);
    }
    map.set(name, protocol as SecurityProtocol);
  }
  return map;
}

const endpointPattern = /^([A-Za-z0-9_-]+):\/\/(\[[0-9A-Fa-f:.]+\]|[^:[\]/]*):(\d+)$/;

/** `NAME://host:port,…` → endpoints; names upper case, unique, ports unique (0 excepted). */
export function parseEndpoints(configName: string, value: string): Endpoint[] {
  const endpoints: Endpoint[] = [];
  for (const entry of value.split(',').map((item) => item.trim()).filter((item) => item !== '')) {
    const match = endpointPattern.exec(entry);
    if (!match) throw invalid(configName, value, `"${entry}" is not NAME://host:port (e.g. PLAINTEXT://:9092 or SASL_SSL://localhost:9093)`);
    const port = Number(match[3]);
    if (port > 65535) throw invalid(configName, value, `port ${port} of ${entry} is above 65535`);
    const host = match[2].startsWith('[') ? match[2].slice(1, -1) : match[2];
    const name = match[1].toUpperCase();
    if (endpoints.some((other) => other.name === name)) throw invalid(configName, value, `listener name ${name} appears twice`);
    if (port !== 0 && endpoints.some((other) => other.port === port)) throw invalid(configName, value, `port ${port} is used by two listeners`);
    endpoints.push({ name, host: host === '' ? undefined : host, port });
  }
  return endpoints;
}

function isWildcard(host: string | undefined): boolean {
  return host === undefined || host === '0.0.0.0' || host === '::';
}

/**
 * The listeners to bind. `defaults` are `BrokerOptions.port`/`host`: with `listeners` empty they
 * make the single PLAINTEXT listener; an empty host in `listeners` takes `defaults.host`.
 */
export function resolveListeners(config: BrokerConfig, defaults: { port: number; host: string | undefined }): ListenerSpec[] {
  const protocols = parseProtocolMap(config.get('listener.security.protocol.map'));
  const configured = config.get('listeners');
  const endpoints = configured === '' ? [{ name: 'PLAINTEXT', host: defaults.host, port: defaults.port }] : parseEndpoints('listeners', configured);
  if (endpoints.length === 0) throw invalid('listeners', configured, 'no listener given');
  const advertisedList = parseEndpoints('advertised.listeners', config.get('advertised.listeners'));
  for (const advertised of advertisedList) {
    if (!endpoints.some((endpoint) => endpoint.name === advertised.name)) {
      throw invalid('advertised.listeners', config.get('advertised.listeners'), `listener ${advertised.name} is not in listeners (${endpoints.map((endpoint) => endpoint.name).join(', ')})`);
    }
  }
  return endpoints.map((endpoint) => {
    const securityProtocol = protocols.get(endpoint.name);
    if (!securityProtocol) {
      throw invalid(
        'listeners',
        configured,
        `unknown security protocol or listener name ${endpoint.name} (known: ${SECURITY_PROTOCOLS.join(', ')}; another name needs an entry in listener.security.protocol.map)`,
      );
    }
    const advertised = advertisedList.find((candidate) => candidate.name === endpoint.name);
    return {
      name: endpoint.name,
      securityProtocol,
      host: endpoint.host ?? defaults.host,
      port: endpoint.port,
      advertised: advertised ? { host: advertised.host, port: advertised.port } : { host: isWildcard(endpoint.host) ? undefined : endpoint.host, port: 0 },
    };
  });
}
