/**
 * The client properties a Kafka client needs to reach the broker, in Kafka's own names (Java's
 * `.properties`; librdkafka and most clients take the same names): one block per listener. A
 * broker with only its default PLAINTEXT listener gets the two lines that are all a client on this
 * machine needs. A SASL listener adds `sasl.mechanism` and the Java client's `sasl.jaas.config`
 * with placeholders for the user's name and password (the console never knows a password). A TLS
 * listener adds the trust store the client needs when the broker's certificate is self-signed.
 */
import type { BrokerStatus } from '../../../../electron/contract';

type Listener = BrokerStatus['listeners'][number];

const LOGIN_MODULES: Record<string, string> = {
  PLAIN: 'org.apache.kafka.common.security.plain.PlainLoginModule',
  'SCRAM-SHA-256': 'org.apache.kafka.common.security.scram.ScramLoginModule',
  'SCRAM-SHA-512': 'org.apache.kafka.common.security.scram.ScramLoginModule',
};

function listenerProperties(listener: Listener): string[] {
  const lines = [`bootstrap.servers=${listener.address}`, `security.protocol=${listener.securityProtocol}`];
  const [mechanism, ...others] = listener.saslMechanisms;
  if (listener.securityProtocol.startsWith('SASL_') && mechanism) {
    lines.push(`sasl.mechanism=${mechanism}`);
    if (others.length > 0) lines.push(`# this listener also takes: ${others.join(', ')}`);
    const module = LOGIN_MODULES[mechanism];
    if (module) lines.push(`sasl.jaas.config=${module} required username="<user>" password="<password>";`);
  }
  if (listener.securityProtocol === 'SSL' || listener.securityProtocol === 'SASL_SSL') {
    lines.push('# a self-signed broker certificate: trust the CA that signed it', 'ssl.truststore.type=PEM', 'ssl.truststore.location=<path to the CA certificate, PEM>');
  }
  return lines;
}

/** The properties text, or null while the broker has no address. */
export function connectionProperties(status: BrokerStatus | null): string | null {
  if (!status?.address) return null;
  const listeners = status.listeners;
  if (listeners.length <= 1 && (listeners[0]?.securityProtocol ?? 'PLAINTEXT') === 'PLAINTEXT') {
    return `bootstrap.servers=${status.address}\nsecurity.protocol=PLAINTEXT`;
  }
  return listeners.map((listener) => [`# ${listener.name} listener`, ...listenerProperties(listener)].join('\n')).join('\n\n');
}

/** Whether every listener is plaintext without authentication (what the popover's hint says). */
export function onlyPlaintext(status: BrokerStatus | null): boolean {
  return (status?.listeners ?? []).every((listener) => listener.securityProtocol === 'PLAINTEXT');
}
