/**
 * ProduceService: the contract's `produce.*` methods — send a few records, bulk from a template,
 * import JSON Lines, copy records to another topic (jobs polled and cancelled, counts exact),
 * templates per topic, and copy-as-code snippets — over a cluster's RecordSink (where records
 * go), RecordSource (where copies are read) and bootstrap address.
 *
 * Lifecycle: created detached; `attach` once the cluster is there; `detach()` cancels every
 * running job and waits for it to settle, before the cluster goes. While detached every method
 * but the templates' is refused with BROKER_NOT_RUNNING. Refusals say what is wrong in words with
 * a code: UNKNOWN_TOPIC, INVALID_VALUE (a field that cannot be encoded: bad JSON, hex, base64,
 * text UTF-8 cannot carry), INVALID_TEMPLATE (a placeholder), INVALID_PARTITION (none for the
 * explicit partitioner, or one the topic does not have), UNKNOWN_JOB, UNKNOWN_TEMPLATE.
 */
import type { DomainHandlers } from '../../contract';
import type { JobProgress, ProduceSettings } from '../../contract';
import { RecordSourceError, type RecordSource } from '../cluster/record-source';
import { RecordSinkError, type RecordSink, type TopicLayout } from '../cluster/record-sink';
import { HostRefusal } from '../host-refusal';
import { runBulk } from './bulk-job';
import { compileBulkTemplate } from './bulk-template';
import { runCopy } from './copy-job';
import { FieldEncodingError } from './field-encoding';
import { ImportRun } from './import-job';
import { checkPartition, createPartitionChooser, PartitionChoiceError, type PartitionChooser } from './partitioner';
import { PlaceholderError } from './placeholders';
import { ProduceJobs } from './produce-jobs';
import { sendRecords } from './record-sends';
import { generateSnippet } from './snippets/snippet-generator';
import { TemplateStore } from './template-store';

export type ProduceHandlers = DomainHandlers<'produce'>;

export interface ProduceService {
  readonly handlers: ProduceHandlers;
  attach(cluster: { sink: RecordSink; source: RecordSource; bootstrap: () => string | null }): void;
  /** Cancels the running jobs and waits for them; then every call is refused until the next attach. */
  detach(): Promise<void>;
}

export interface ProduceServiceOptions {
  /** Where templates are kept (template-store.ts). */
  stateDir: string;
}

async function refusing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof FieldEncodingError) throw new HostRefusal('INVALID_VALUE', error.message, { cause: error });
    if (error instanceof PlaceholderError) throw new HostRefusal('INVALID_TEMPLATE', error.message, { cause: error });
    if (error instanceof PartitionChoiceError) throw new HostRefusal('INVALID_PARTITION', error.message, { cause: error });
    if (error instanceof RecordSinkError || error instanceof RecordSourceError) throw new HostRefusal(error.code, error.message, { cause: error });
    throw error;
  }
}

export function createProduceService(options: ProduceServiceOptions): ProduceService {
  let cluster: { sink: RecordSink; source: RecordSource; bootstrap: () => string | null } | null = null;
  let jobs = new ProduceJobs();
  const imports = new Map<string, ImportRun>();
  const choosers = new Map<string, PartitionChooser>();
  const templates = new TemplateStore(options.stateDir);

  const running = () => {
    if (!cluster) throw new HostRefusal('BROKER_NOT_RUNNING', 'the broker is not running: start it to produce records');
    return cluster;
  };
  const layoutOf = async (topic: string): Promise<TopicLayout> => running().sink.topicLayout(topic);
  const chooserFor = (topic: string, settings: ProduceSettings) => {
    const name = `${settings.partitioner}\u0000${topic}`;
    let chooser = choosers.get(name);
    if (!chooser) choosers.set(name, (chooser = createPartitionChooser(settings.partitioner)));
    return chooser;
  };
  const importRun = (jobId: string): ImportRun => {
    const run = imports.get(jobId);
    if (!run) throw new HostRefusal('UNKNOWN_JOB', `there is no import ${jobId} (it ended, or the broker restarted)`);
    return run;
  };

  const handlers: ProduceHandlers = {
    'produce.send': (request) =>
      refusing(async () => {
        const { sink } = running();
        const layout = await layoutOf(request.topic);
        return { outcomes: await sendRecords(sink, request.topic, layout, request.records, request.settings, chooserFor(request.topic, request.settings)) };
      }),
    'produce.bulkStart': (request) =>
      refusing(async () => {
        const { sink } = running();
        const layout = await layoutOf(request.topic);
        const render = compileBulkTemplate(request.template);
        // The first record is made now, so a template that cannot make records is refused at once.
        const first = render({ index: 0, now: Date.now(), random: Math.random });
        const partition = createPartitionChooser(request.settings.partitioner).choose(first.key, first.partition, layout.partitions);
        checkPartition(request.topic, partition, layout.partitions);
        const job = jobs.create(request.count);
        void runBulk(job, { sink, topic: request.topic, layout, template: request.template, render, settings: request.settings, count: request.count, ratePerSecond: request.ratePerSecond });
        return { jobId: job.id };
      }),
    'produce.importStart': (request) =>
      refusing(async () => {
        const { sink } = running();
        const layout = await layoutOf(request.topic);
        const job = jobs.create(0);
        imports.set(job.id, new ImportRun(job, sink, request.topic, layout, request.settings));
        void job.ended.then(() => setTimeout(() => imports.delete(job.id), 60_000).unref());
        return { jobId: job.id };
      }),
    'produce.importLines': (request) => refusing(async () => ({ accepted: await importRun(request.jobId).takeLines(request.firstLine, request.lines) })),
    'produce.importEnd': (request) => refusing(() => importRun(request.jobId).end()),
    'produce.copyStart': (request) =>
      refusing(async () => {
        const { sink, source } = running();
        const sourcePartitions = (await source.partitionOffsets(request.from.topic)).length;
        for (const { partition } of request.from.records) checkPartition(request.from.topic, partition, sourcePartitions);
        const layout = await layoutOf(request.to.topic);
        const job = jobs.create(new Set(request.from.records.map(({ partition, offset }) => `${partition}:${offset}`)).size);
        void runCopy(job, { source, sink, from: request.from, to: { ...request.to, layout } });
        return { jobId: job.id };
      }),
    'produce.jobPoll': (request): Promise<JobProgress> => jobs.poll(request.jobId, request.waitMs),
    'produce.jobCancel': (request): Promise<JobProgress> => jobs.cancel(request.jobId),
    'produce.templatesList': async (request) => ({ templates: await templates.list(request.topic) }),
    'produce.templateSave': async (request) => ({ templates: await templates.save(request.topic, request.name, request.template, request.settings) }),
    'produce.templateDelete': async (request) => ({ templates: await templates.delete(request.topic, request.name) }),
    'produce.snippet': (request) =>
      refusing(async () => {
        const bootstrap = running().bootstrap();
        if (bootstrap === null) throw new HostRefusal('BROKER_NOT_RUNNING', 'the broker is not running: start it to get its address');
        return { code: generateSnippet(request.subject, request.language, bootstrap), language: request.language, bootstrap };
      }),
  };

  return {
    handlers,
    attach(next) {
      cluster = next;
    },
    async detach() {
      cluster = null;
      const stopping = jobs;
      jobs = new ProduceJobs();
      imports.clear();
      choosers.clear();
      await stopping.stopAll();
    },
  };
}
