/**
 * librdkafka's built-in mock cluster as a reference Kafka broker: an in-memory, multi-broker
 * Kafka-protocol implementation in C that runs here without a JVM. Its quirks are checked and
 * documented in mock-cluster.test.ts next to this file.
 *
 * Why ctypes: confluent-kafka-python 2.0.2 can start the mock (`test.mock.num.brokers`) but gives
 * no handle on it, so a test could neither create a topic with a chosen partition count nor move a
 * leader nor take a broker down. The Python program below therefore drives librdkafka.so.1
 * (2.0.2, Debian's) directly through ctypes and its mock API (rdkafka_mock.h):
 *
 *   rd_kafka_new (a producer handle the mock lives in) -> rd_kafka_mock_cluster_new ->
 *   rd_kafka_mock_cluster_bootstraps, printed on one line; then one command per stdin line, each
 *   answered by one stdout line, "ok" or "error <text>":
 *
 *     topic NAME PARTITIONS REPLICATION   rd_kafka_mock_topic_create
 *     leader NAME PARTITION BROKER_ID     rd_kafka_mock_partition_set_leader
 *     down BROKER_ID / up BROKER_ID       rd_kafka_mock_broker_set_down / _set_up
 *     apiversion KEY MIN MAX              rd_kafka_mock_set_apiversion (-1 -1: the API is not offered)
 *
 *   End of stdin destroys the mock and exits. Broker ids are 1..N.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { systemPython } from './run-process';

const script = `
import ctypes, sys

lib = ctypes.CDLL('librdkafka.so.1')

def declare(name, restype, *argtypes):
    function = getattr(lib, name)
    function.restype = restype
    function.argtypes = list(argtypes)
    return function

P, S, I32, SIZE = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int32, ctypes.c_size_t
conf_new = declare('rd_kafka_conf_new', P)
conf_set = declare('rd_kafka_conf_set', ctypes.c_int, P, S, S, ctypes.c_char_p, SIZE)
kafka_new = declare('rd_kafka_new', P, ctypes.c_int, P, ctypes.c_char_p, SIZE)
kafka_destroy = declare('rd_kafka_destroy', None, P)
err2name = declare('rd_kafka_err2name', S, ctypes.c_int)
cluster_new = declare('rd_kafka_mock_cluster_new', P, P, ctypes.c_int)
cluster_destroy = declare('rd_kafka_mock_cluster_destroy', None, P)
bootstraps = declare('rd_kafka_mock_cluster_bootstraps', S, P)
topic_create = declare('rd_kafka_mock_topic_create', ctypes.c_int, P, S, ctypes.c_int, ctypes.c_int)
set_leader = declare('rd_kafka_mock_partition_set_leader', ctypes.c_int, P, S, I32, I32)
broker_down = declare('rd_kafka_mock_broker_set_down', ctypes.c_int, P, I32)
broker_up = declare('rd_kafka_mock_broker_set_up', ctypes.c_int, P, I32)
I16 = ctypes.c_int16
set_apiversion = declare('rd_kafka_mock_set_apiversion', ctypes.c_int, P, I16, I16, I16)

errstr = ctypes.create_string_buffer(512)
conf = conf_new()
# Quiet: no log lines from the handle or the mock threads on stderr.
if conf_set(conf, b'log_level', b'0', errstr, len(errstr)) != 0:
    sys.exit('rd_kafka_conf_set: ' + errstr.value.decode())
rk = kafka_new(0, conf, errstr, len(errstr))  # RD_KAFKA_PRODUCER; takes ownership of conf
if not rk:
    sys.exit('rd_kafka_new: ' + errstr.value.decode())
mcluster = cluster_new(rk, int(sys.argv[1]))
if not mcluster:
    sys.exit('rd_kafka_mock_cluster_new failed')
print(bootstraps(mcluster).decode(), flush=True)

def run(words):
    if words[0] == 'topic' and len(words) == 4:
        return topic_create(mcluster, words[1].encode(), int(words[2]), int(words[3]))
    if words[0] == 'leader' and len(words) == 4:
        return set_leader(mcluster, words[1].encode(), int(words[2]), int(words[3]))
    if words[0] == 'down' and len(words) == 2:
        return broker_down(mcluster, int(words[1]))
    if words[0] == 'up' and len(words) == 2:
        return broker_up(mcluster, int(words[1]))
    if words[0] == 'apiversion' and len(words) == 4:
        return set_apiversion(mcluster, int(words[1]), int(words[2]), int(words[3]))
    raise ValueError('unknown command: ' + ' '.join(words))

while True:
    line = sys.stdin.readline()
    if not line:
        break
    words = line.split()
    if not words:
        continue
    try:
        err = run(words)
        reply = 'ok' if err == 0 else 'error ' + err2name(err).decode()
    except Exception as caught:
        reply = 'error ' + str(caught).replace('\\n', ' ')
    print(reply, flush=True)

cluster_destroy(mcluster)
kafka_destroy(rk)
`;

export interface MockCluster {
  /** Comma-separated host:port of every mock broker. */
  bootstrap: string;
  /** The process serving the cluster. */
  pid: number;
  /**
   * Creates a topic (TOPIC_ALREADY_EXISTS if it exists). librdkafka 2.0.2 picks each partition's
   * leader at random and ignores the replication factor: replicas are always every broker.
   */
  createTopic(name: string, partitions: number, replicationFactor?: number): Promise<void>;
  /**
   * Makes broker `brokerId` (1..N) the leader of `topic`'s `partition` (BROKER_NOT_AVAILABLE for an
   * unknown id). An unknown topic is created, with partitions 0..`partition`.
   */
  setLeader(topic: string, partition: number, brokerId: number): Promise<void>;
  /**
   * Takes a broker down: clients cannot talk to it until setBrokerUp, though Metadata still lists
   * it and it keeps its leaderships.
   */
  setBrokerDown(brokerId: number): Promise<void>;
  setBrokerUp(brokerId: number): Promise<void>;
  /**
   * The versions of API `apiKey` every broker offers from now on (ApiVersions answers them and
   * requests outside them are refused): an older Kafka's versions, or a quirk of the mock's kept
   * out of reach. min = max = -1: the API is not offered at all.
   */
  setApiVersions(apiKey: number, min: number, max: number): Promise<void>;
  /** Kills the process at once (synchronous, so afterAll hooks may just call it). */
  stop(): void;
}

export function startMockCluster(brokers = 1): Promise<MockCluster> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(systemPython, ['-c', script, String(brokers)], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let stdout = '';
    let bootstrap: string | null = null;
    let exited = false;
    // Replies arrive one line per command, in order.
    const pending: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];

    const send = (command: string): Promise<void> =>
      new Promise((resolveCommand, rejectCommand) => {
        if (exited || !child.stdin!.writable) {
          rejectCommand(new Error(`mock cluster is not running: ${command}`));
          return;
        }
        pending.push({ resolve: resolveCommand, reject: rejectCommand });
        child.stdin!.write(`${command}\n`);
      });
    const word = (value: string): string => {
      if (!/^\S+$/.test(value)) throw new Error(`not a single word: ${JSON.stringify(value)}`);
      return value;
    };
    const int = (value: number): number => {
      if (!Number.isInteger(value)) throw new Error(`not an integer: ${value}`);
      return value;
    };

    const handleLine = (line: string): void => {
      if (bootstrap === null) {
        if (!/^[\w.-]+:\d+/.test(line)) return;
        bootstrap = line.trim();
        resolve({
          bootstrap,
          pid: child.pid!,
          createTopic: async (name, partitions, replicationFactor = 1) => send(`topic ${word(name)} ${int(partitions)} ${int(replicationFactor)}`),
          setLeader: async (topic, partition, brokerId) => send(`leader ${word(topic)} ${int(partition)} ${int(brokerId)}`),
          setBrokerDown: async (brokerId) => send(`down ${int(brokerId)}`),
          setBrokerUp: async (brokerId) => send(`up ${int(brokerId)}`),
          setApiVersions: async (apiKey, min, max) => send(`apiversion ${int(apiKey)} ${int(min)} ${int(max)}`),
          stop: () => {
            child.stdin!.destroy();
            child.kill('SIGKILL');
          },
        });
        return;
      }
      const waiter = pending.shift();
      if (!waiter) return;
      if (line === 'ok') waiter.resolve();
      else waiter.reject(new Error(`mock cluster: ${line.replace(/^error /, '')}`));
    };

    child.stdout!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      stdout += text;
      let newline: number;
      while ((newline = stdout.indexOf('\n')) >= 0) {
        const line = stdout.slice(0, newline);
        stdout = stdout.slice(newline + 1);
        handleLine(line);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // Writes after the process died (EPIPE) surface through 'exit' below.
    child.stdin!.on('error', () => {});
    child.on('error', (error) => reject(error));
    child.on('exit', (code, signal) => {
      exited = true;
      const error = new Error(`mock cluster exited with ${code ?? signal}: ${output}`);
      pending.splice(0).forEach((waiter) => waiter.reject(error));
      reject(error);
    });
  });
}
