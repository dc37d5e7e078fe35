/**
 * The client host a group member is described with, in Kafka's form: the socket's address with a
 * leading slash (Java's InetAddress.toString()), IPv4-mapped IPv6 addresses shown as IPv4.
 */
import type { ConnectionIdentity } from '../broker-api';

export function clientHost(connection: ConnectionIdentity): string {
  const address = connection.remoteAddress.startsWith('::ffff:') ? connection.remoteAddress.slice('::ffff:'.length) : connection.remoteAddress;
  return `/${address}`;
}
