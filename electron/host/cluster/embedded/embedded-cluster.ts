/**
 * The embedded broker as "a cluster" (cluster.ts): its records and sink in process over its logs
 * (embedded-record-source.ts, embedded-record-sink.ts), its admin over its logs and group
 * coordinator (embedded-admin.ts), and the details only it knows (embedded-local-details.ts), its
 * dead-letter sweeper among them.
 *
 * The broker's life is the host's: `close()` releases nothing and leaves the broker running.
 */
import type { Broker } from '../../../../broker-core/src/index';
import type { Cluster } from '../cluster';
import { embeddedRecordSink } from './embedded-record-sink';
import { embeddedRecordSource } from './embedded-record-source';
import { embeddedAdmin } from './embedded-admin';
import { embeddedLocalDetails } from './embedded-local-details';
import { watchEmbedded } from './embedded-watch';

export function embeddedCluster(broker: Broker): Cluster {
  return {
    kind: 'embedded',
    records: embeddedRecordSource(broker.logs),
    sink: embeddedRecordSink(broker.logs),
    admin: embeddedAdmin(broker),
    local: embeddedLocalDetails(broker.logs, broker.deadLetters),
    watch: (listener) => watchEmbedded(broker, listener),
    close: async () => {},
  };
}
