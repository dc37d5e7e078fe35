import { describe, expect, it } from 'vitest';
import type { ContractResult, JobProgress, MessageRecord, MethodName, ProduceTemplate } from '../../../../electron/contract';
import { fakeHostApi } from '../../test-support/fake-host-api';
import { field, messageRecord, ok, until } from '../../test-support/store-test-support';
import { createAppStore } from '../create-app-store';
import { emptyMessagesQuery } from '../messages/messages-query';

/** Offset 5 of partition 0: key `k`, a JSON value. */
const record = (overrides: Partial<MessageRecord> = {}): MessageRecord => messageRecord(0, 5, { timestamp: 1_700_000_000_000, key: field('text', 'k'), value: field('json', '{"n":5}'), ...overrides });
function progress(overrides: Partial<JobProgress> = {}): JobProgress {
  return { state: 'running', sent: 0, failed: 0, total: null, rate: 0, badLines: [], badLineCount: 0, error: null, elapsedMs: 1, ...overrides };
}

function storeOn(topic = 'orders') {
  const api = fakeHostApi();
  const store = createAppStore(api, { produce: { minPollIntervalMs: 0 } });
  api.respond = () => Promise.reject(new Error('unexpected call'));
  // The view shows `topic` (no reads needed for these tests: answer browses with nothing).
  const respond = (handler: (method: MethodName, request: unknown) => Promise<ContractResult<unknown>> | undefined) => {
    api.respond = (method, request) => {
      const answer = handler(method, request);
      if (answer) return answer;
      if (method === 'messages.browse') return new Promise(() => undefined);
      if (method === 'produce.templatesList') return ok({ templates: [] });
      return Promise.reject(new Error(`unexpected ${method}`));
    };
  };
  respond(() => undefined);
  store.getState().showMessages(emptyMessagesQuery(topic));
  return { api, store, respond, calls: (method: string) => api.calls.filter((call) => call.method === method) };
}

describe('produce slice', () => {
  it('sends the form’s record to the view’s topic and keeps where it went', async () => {
    const { store, respond, calls } = storeOn();
    respond((method) => (method === 'produce.send' ? ok({ outcomes: [{ partition: 1, offset: 17, error: null }] }) : undefined));
    store.getState().editProduceDraft({ key: { text: 'k1', encoding: 'text', isNull: false }, value: { text: '{"a":1}', encoding: 'json', isNull: false } });

    const result = await store.getState().sendProduceDraft();

    expect(result).toEqual({ ok: true, value: undefined });
    expect(calls('produce.send')[0].request).toEqual({
      topic: 'orders',
      records: [{ key: { text: 'k1', encoding: 'text' }, value: { text: '{"a":1}', encoding: 'json' }, headers: [] }],
      settings: { partitioner: 'murmur2', compression: 'none', acks: -1 },
    });
    expect(store.getState().produceSend).toEqual({ sending: false, topic: 'orders', outcomes: [{ partition: 1, offset: 17, error: null }], error: null });
  });

  it('sends nothing while the form has a problem', async () => {
    const { store, calls } = storeOn();
    store.getState().editProduceDraft({ value: { text: '{oops', encoding: 'json', isNull: false } });

    const result = await store.getState().sendProduceDraft();

    expect(result).toMatchObject({ ok: false, problems: { value: expect.stringMatching(/not valid JSON/) } });
    expect(calls('produce.send')).toHaveLength(0);
  });

  it('runs a bulk job to its end, polling progress, and cancels with the exact count', async () => {
    const { store, respond, calls } = storeOn();
    const polls = [progress({ sent: 100, total: 1000 }), progress({ sent: 250, total: 1000 })];
    const cancelled = progress({ state: 'cancelled', sent: 312, total: 1000 });
    let cancel = false;
    respond((method) => {
      if (method === 'produce.bulkStart') return ok({ jobId: 'job-1' });
      if (method === 'produce.jobPoll') return new Promise((resolve) => setTimeout(() => resolve({ ok: true, value: cancel ? cancelled : (polls.shift() ?? progress({ sent: 300, total: 1000 })) }), 2));
      if (method === 'produce.jobCancel') {
        cancel = true;
        return ok(cancelled);
      }
      return undefined;
    });
    store.getState().editProduceDraft({ value: { text: '{"n": {{index}}}', encoding: 'json', isNull: false }, count: '1000', rate: '500' });

    expect(await store.getState().startBulkFromDraft()).toEqual({ ok: true, value: 'job-1' });
    await until(() => store.getState().produceJob?.progress?.sent === 250, 'the second poll');
    await store.getState().cancelJob('produceJob');
    await new Promise((resolve) => setTimeout(resolve, 30));
    const polled = calls('produce.jobPoll').length;
    await new Promise((resolve) => setTimeout(resolve, 30));

    expect(calls('produce.bulkStart')[0].request).toMatchObject({ topic: 'orders', count: 1000, ratePerSecond: 500, template: { value: { text: '{"n": {{index}}}', encoding: 'json' } } });
    expect(store.getState().produceJob?.progress).toMatchObject({ state: 'cancelled', sent: 312 });
    // The loop ended with the job: no polls after the one that saw it cancelled.
    expect(calls('produce.jobPoll')).toHaveLength(polled);
  });

  it('imports a file slice by slice, each awaited, and ends with the host’s final count', async () => {
    const { store, respond, calls } = storeOn();
    const order: string[] = [];
    respond((method, request) => {
      if (method === 'produce.importStart') return ok({ jobId: 'import-1' });
      if (method === 'produce.importLines') {
        order.push(`lines ${(request as { firstLine: number }).firstLine}`);
        return new Promise((resolve) => setTimeout(() => resolve({ ok: true, value: { accepted: true } }), 5));
      }
      if (method === 'produce.jobPoll') return ok(progress({ sent: 1 }));
      if (method === 'produce.importEnd') {
        order.push('end');
        return ok(progress({ state: 'done', sent: 2, badLines: [{ line: 2, reason: 'not JSON' }], badLineCount: 1, total: 3 }));
      }
      return undefined;
    });
    const lines = Array.from({ length: 6001 }, (_, n) => (n === 1 ? 'nope' : JSON.stringify({ value: n })));
    const file = Object.assign(new Blob([lines.join('\n')]), { name: 'records.jsonl' });

    const result = await store.getState().importFile('orders', file, { partitioner: 'round-robin', compression: 'none', acks: -1 });

    expect(result).toMatchObject({ ok: true, value: { state: 'done', sent: 2 } });
    expect(order).toEqual(['lines 1', 'lines 5001', 'end']);
    expect((calls('produce.importLines')[0].request as { lines: string[] }).lines).toHaveLength(5000);
    expect(store.getState().produceJob).toMatchObject({ kind: 'import', jobId: 'import-1', file: { name: 'records.jsonl', linesRead: 6001, bytesRead: file.size }, progress: { badLines: [{ line: 2, reason: 'not JSON' }] } });
  });

  it('fills the form from a record, reading a cut value whole first', async () => {
    const { store, respond, calls } = storeOn();
    const whole = record({ value: field('json', '{\n  "n": 5,\n  "long": "xxxxxxxx"\n}'), headers: [{ key: 'trace', value: field('text', 't-1') }] });
    respond((method) => (method === 'messages.get' ? ok({ record: whole, problem: null }) : undefined));

    const result = await store.getState().produceAgain('orders', record({ value: field('json', '{"n":5,"lo', true) }));

    expect(result.ok).toBe(true);
    expect(calls('messages.get')[0].request).toEqual({ topic: 'orders', partition: 0, offset: 5, decode: { key: 'auto', value: 'auto' } });
    expect(store.getState().producePanel).toBe('record');
    expect(store.getState().produceDraft).toMatchObject({ key: { text: 'k', encoding: 'text', isNull: false }, value: { text: whole.value.text, encoding: 'json' }, partition: '0' });
    expect(store.getState().produceDraft.headers).toMatchObject([{ key: 'trace', value: { text: 't-1', encoding: 'text' } }]);
    expect(store.getState().produceDraftSource).toBe('partition 0, offset 5 of “orders”');
  });

  it('saves, lists, uses and deletes templates per topic', async () => {
    const { store, respond, calls } = storeOn();
    const saved: ProduceTemplate = { name: 'order', template: { key: null, value: { text: '{"id":"{{uuid}}"}', encoding: 'json' }, headers: [] }, settings: { partitioner: 'random', compression: 'zstd', acks: 1 }, savedAt: 1 };
    respond((method) => {
      if (method === 'produce.templatesList') return ok({ templates: [saved] });
      if (method === 'produce.templateSave') return ok({ templates: [saved] });
      if (method === 'produce.templateDelete') return ok({ templates: [] });
      return undefined;
    });

    store.getState().showProducePanel('bulk');
    await until(() => store.getState().produceTemplates?.loading === false, 'the templates');
    store.getState().useTemplate('order');
    expect(store.getState().produceDraft).toMatchObject({ value: { text: '{"id":"{{uuid}}"}', encoding: 'json' }, settings: { compression: 'zstd' } });

    expect(await store.getState().saveTemplate(' order ')).toEqual({ ok: true, value: undefined });
    expect(calls('produce.templateSave')[0].request).toMatchObject({ topic: 'orders', name: 'order', template: { value: { text: '{"id":"{{uuid}}"}', encoding: 'json' } }, settings: { compression: 'zstd' } });
    await store.getState().deleteTemplate('order');
    expect(store.getState().produceTemplates?.templates).toEqual([]);
  });

  it('copies the checked records, in offset order, and forgets the selection when the topic changes', async () => {
    const { store, respond, calls } = storeOn();
    respond((method) => {
      if (method === 'produce.copyStart') return ok({ jobId: 'copy-1' });
      if (method === 'produce.jobPoll') return ok(progress({ state: 'done', sent: 3, total: 3 }));
      return undefined;
    });
    store.getState().selectForCopy([{ partition: 1, offset: 4 }, { partition: 0, offset: 9 }, { partition: 0, offset: 2 }], true);
    store.getState().selectForCopy([{ partition: 0, offset: 2 }], false);
    store.getState().selectForCopy([{ partition: 0, offset: 3 }], true);

    await store.getState().copySelectionTo('orders-copy', { partitioner: 'murmur2', compression: 'none', acks: -1 });
    await until(() => store.getState().copyJob?.progress?.state === 'done', 'the copy');

    expect(calls('produce.copyStart')[0].request).toEqual({
      from: { topic: 'orders', records: [{ partition: 0, offset: 3 }, { partition: 0, offset: 9 }, { partition: 1, offset: 4 }] },
      to: { topic: 'orders-copy', settings: { partitioner: 'murmur2', compression: 'none', acks: -1 } },
    });
    store.getState().changeMessagesQuery({ topic: 'payments' });
    expect(store.getState().copySelection.size).toBe(0);
  });

  it('reads copy-as-code in every language, each on its own', async () => {
    const { store, respond } = storeOn();
    respond((method, request) => {
      if (method !== 'produce.snippet') return undefined;
      const language = (request as { language: string }).language;
      return language === 'kcat' ? Promise.resolve({ ok: false, error: { code: 'REFUSED', message: 'kcat cannot set that' } }) : ok({ code: `# ${language}`, language, bootstrap: 'localhost:9092' });
    });

    store.getState().openSnippet({ kind: 'consume', topic: 'orders', partitions: null, start: { from: 'oldest' } }, 'this position');
    await until(() => Object.keys(store.getState().snippet?.codes ?? {}).length === 4, 'four snippets');

    expect(store.getState().snippet?.codes).toEqual({
      'kafka-python': { code: '# kafka-python', bootstrap: 'localhost:9092', error: null },
      'confluent-kafka-python': { code: '# confluent-kafka-python', bootstrap: 'localhost:9092', error: null },
      kafkajs: { code: '# kafkajs', bootstrap: 'localhost:9092', error: null },
      kcat: { code: null, bootstrap: null, error: 'kcat cannot set that' },
    });
  });

  it('opening the produce panel closes the record detail, and opening a record closes the panel', () => {
    const { store, respond } = storeOn();
    respond((method) => (method === 'messages.get' ? new Promise(() => undefined) : undefined));
    store.getState().openRecord({ partition: 0, offset: 1 });
    store.getState().showProducePanel('record');
    expect(store.getState().messagesRecordKey).toBeNull();
    store.getState().openRecord({ partition: 0, offset: 2 });
    expect(store.getState().producePanel).toBeNull();
  });
});
