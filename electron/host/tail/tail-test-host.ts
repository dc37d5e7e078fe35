/**
 * For the tail's tests (tail-service.test.ts, electron/host/test/tail-*.test.ts): a real host on
 * port 0 and a temp data dir, called through the dispatcher as the adapters call it, a way to
 * append records, and a reader that polls one tail and keeps what it got. Not part of the app.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRecordBatch } from '../../../broker-core/src/index';
import type { ContractResult, MessageRecord, MethodName, MethodRequest, MethodResponse, TailNotice, TailStatus } from '../../contract';
import { createHost, type Host } from '../create-host';
import { createContractCaller } from '../contract-caller';
import type { TailServiceOptions } from './tail-service';

/** Waits for `condition` (checked every 10 ms), failing with `what` after `timeoutMs`. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface TailTestHost {
  host: Host;
  dataDir: string;
  /** `host:port` of the broker, for a Kafka client. */
  bootstrap: string;
  call<M extends MethodName>(method: M, request: MethodRequest<M>): Promise<ContractResult<MethodResponse<M>>>;
  value<M extends MethodName>(method: M, request: MethodRequest<M>): Promise<MethodResponse<M>>;
  logs(): NonNullable<ReturnType<Host['broker']>>['logs'];
  /** Appends records `first`…`first + count - 1` to a partition, `perBatch` a batch; values are `{"n":…}`. */
  produce(topic: string, partition: number, first: number, count: number, perBatch?: number): Promise<void>;
  /** Stops the host and removes its data dir. */
  close(): Promise<void>;
}

export async function startTailHost(options: { tail?: TailServiceOptions; dataDir?: string } = {}): Promise<TailTestHost> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'eddy-tail-'));
  const host = createHost({ port: 0, dataDir, tail: options.tail });
  const status = await host.start();
  if (status.state !== 'running') throw new Error(`the broker did not start: ${status.error?.message}`);
  const { call, value } = createContractCaller(host.handlers);
  const logs = () => {
    const broker = host.broker();
    if (!broker) throw new Error('the broker is not running');
    return broker.logs;
  };
  return {
    host,
    dataDir,
    bootstrap: status.address!,
    call,
    value,
    logs,
    async produce(topic, partition, first, count, perBatch = 10) {
      for (let n = first; n < first + count; n += perBatch) {
        const records = Array.from({ length: Math.min(perBatch, first + count - n) }, (_, i) => ({ key: Buffer.from(`key-${n + i}`), value: Buffer.from(JSON.stringify({ partition, n: n + i })) }));
        await logs().append(topic, partition, buildRecordBatch(records), { acks: 1 });
      }
    },
    async close() {
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(`${dataDir}-state`, { recursive: true, force: true }); // the console's own state, beside the data dir
    },
  };
}

/** Polls one tail and keeps everything it got. */
export class TailReader {
  readonly records: MessageRecord[] = [];
  readonly notices: TailNotice[] = [];
  /** Records per poll that carried any. */
  readonly batches: number[] = [];
  dropped = 0;
  status: TailStatus | null = null;

  constructor(
    private readonly test: TailTestHost,
    readonly tailId: string,
  ) {}

  async poll(waitMs = 200): Promise<MethodResponse<'tail.poll'>> {
    const polled = await this.test.value('tail.poll', { tailId: this.tailId, waitMs });
    this.records.push(...polled.records);
    this.notices.push(...polled.notices);
    if (polled.records.length > 0) this.batches.push(polled.records.length);
    this.dropped += polled.dropped;
    this.status = polled.status;
    return polled;
  }

  /** Polls until `condition` holds. */
  async pollUntil(condition: (reader: TailReader) => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition(this)) {
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (got ${this.records.length} records, notices: ${this.notices.map((notice) => notice.kind).join(', ') || 'none'})`);
      await this.poll(200);
    }
  }

  /** `partition:offset` of every record got, in the order got. */
  keys(): string[] {
    return this.records.map((record) => `${record.partition}:${record.offset}`);
  }

  offsets(partition: number): number[] {
    return this.records.filter((record) => record.partition === partition).map((record) => record.offset);
  }
}

export const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
