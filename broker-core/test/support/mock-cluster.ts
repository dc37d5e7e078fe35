/**
 * librdkafka's built-in mock cluster (confluent-kafka-python's `test.mock.num.brokers`) as a
 * reference Kafka broker: an in-memory, multi-broker Kafka-protocol implementation in C that runs
 * here without a JVM. Its quirks are listed in shared/docs/performance.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { systemPython } from './run-process';

const script = `
import sys, time
from confluent_kafka import Producer
p = Producer({'test.mock.num.brokers': int(sys.argv[1]), 'bootstrap.servers': '', 'log_level': 0})
brokers = p.list_topics(timeout=10).brokers.values()
print(','.join(f"{b.host}:{b.port}" for b in brokers), flush=True)
sys.stdin.read()
`;

export interface MockCluster {
  bootstrap: string;
  /** The process serving the cluster. */
  pid: number;
  stop(): void;
}

export function startMockCluster(brokers = 1): Promise<MockCluster> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(systemPython, ['-c', script, String(brokers)], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((candidate) => /^[\d.]+:\d+/.test(candidate));
      if (line) resolve({ bootstrap: line.trim(), pid: child.pid!, stop: () => child.kill('SIGKILL') });
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`mock cluster exited with ${code}: ${output}`)));
  });
}
