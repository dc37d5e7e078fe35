import { describe, expect, it } from 'vitest';
import { BrokerConfig } from '../config/broker-config';
import { StorageError } from './storage-error';
import { applyAlterOperations, describeTopicConfigs, effectiveTopicConfig, validateTopicConfigValue, validateTopicConfigs } from './topic-config';
import { missingBrokerSynonyms, topicConfigDefinitions } from './topic-config-definitions';

function invalid(body: () => unknown): StorageError {
  try {
    body();
  } catch (error) {
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).code).toBe('INVALID_CONFIG');
    expect((error as StorageError).errorCode).toBe(40);
    return error as StorageError;
  }
  throw new Error('accepted');
}

describe('topic configs', () => {
  it("has Kafka's names and defaults, and Eddy's dlq.* configs", () => {
    const names = topicConfigDefinitions.map((definition) => definition.name);
    for (const name of ['cleanup.policy', 'retention.ms', 'retention.bytes', 'segment.bytes', 'segment.ms', 'flush.ms', 'flush.messages', 'max.message.bytes', 'message.timestamp.type', 'min.insync.replicas', 'compression.type', 'dlq.enable', 'dlq.group', 'dlq.max.age.ms', 'dlq.topic']) {
      expect(names).toContain(name);
    }
    const described = Object.fromEntries(describeTopicConfigs('orders', {}, BrokerConfig.from({})).map((entry) => [entry.name, entry]));
    expect(described['retention.ms']).toMatchObject({ value: '604800000', isDefault: true, source: 'DEFAULT_CONFIG', type: 'LONG' });
    expect(described['segment.bytes'].value).toBe('1073741824');
    expect(described['max.message.bytes'].value).toBe('1048588');
    expect(described['message.timestamp.type'].value).toBe('CreateTime');
    expect(described['cleanup.policy']).toMatchObject({ value: 'delete', type: 'LIST' });
    expect(described['dlq.topic'].value).toBe('orders.dlq');
    expect(described['dlq.enable'].value).toBe('false');
  });

  it('names the broker configs it would take defaults from but the broker does not define', () => {
    expect(missingBrokerSynonyms()).toEqual([]);
  });

  it('takes defaults from broker configs and marks overrides as the topic’s own', () => {
    const broker = BrokerConfig.from({ 'log.retention.ms': '1000', 'log.segment.bytes': '5000' });
    const described = Object.fromEntries(describeTopicConfigs('t', { 'segment.bytes': '2048' }, broker).map((entry) => [entry.name, entry]));
    expect(described['retention.ms']).toMatchObject({ value: '1000', isDefault: false, source: 'STATIC_BROKER_CONFIG' });
    expect(described['retention.ms'].synonyms).toEqual([
      { name: 'log.retention.ms', value: '1000', source: 'STATIC_BROKER_CONFIG' },
      { name: 'log.retention.ms', value: '604800000', source: 'DEFAULT_CONFIG' },
    ]);
    expect(described['segment.bytes']).toMatchObject({ value: '2048', isDefault: false, source: 'DYNAMIC_TOPIC_CONFIG' });
    const effective = effectiveTopicConfig('t', { 'segment.bytes': '2048', 'cleanup.policy': 'compact', 'message.timestamp.type': 'LogAppendTime' }, broker);
    expect(effective).toMatchObject({ segmentBytes: 2048, retentionMs: 1000, deleteEnabled: false, logAppendTime: true, flushMessages: 2 ** 63 });
  });

  it('validates and canonicalises values', () => {
    expect(validateTopicConfigs({ 'retention.ms': ' 3600000 ', 'dlq.enable': 'TRUE', 'cleanup.policy': 'Compact, delete', 'message.timestamp.type': 'logappendtime' })).toEqual({
      'retention.ms': '3600000',
      'dlq.enable': 'true',
      'cleanup.policy': 'compact,delete',
      'message.timestamp.type': 'LogAppendTime',
    });
    expect(validateTopicConfigValue('min.cleanable.dirty.ratio', '0.25')).toBe('0.25');
    expect(invalid(() => validateTopicConfigValue('retention.ms', '-2')).message).toBe('invalid value "-2" for topic config retention.ms: expected an integer from -1 to 9223372036854775807');
    invalid(() => validateTopicConfigValue('segment.bytes', '13'));
    invalid(() => validateTopicConfigValue('segment.bytes', '1e6'));
    invalid(() => validateTopicConfigValue('cleanup.policy', 'delete,forever'));
    invalid(() => validateTopicConfigValue('compression.type', 'brotli'));
    invalid(() => validateTopicConfigValue('min.cleanable.dirty.ratio', '1.5'));
    expect(invalid(() => validateTopicConfigs({ 'retention.hours': '1' })).message).toBe('unknown topic config "retention.hours"');
  });

  const defaults = (name: string) => ({ 'cleanup.policy': 'delete' })[name] ?? '';

  it('applies incremental operations all or nothing', () => {
    const start = { 'retention.ms': '1000', 'cleanup.policy': 'delete' };
    expect(
      applyAlterOperations(
        start,
        [
          { name: 'retention.ms', op: 'DELETE', value: null },
          { name: 'cleanup.policy', op: 'APPEND', value: 'compact' },
          { name: 'segment.ms', op: 'SET', value: '60000' },
        ],
        defaults,
      ),
    ).toEqual({ 'cleanup.policy': 'delete,compact', 'segment.ms': '60000' });
    expect(applyAlterOperations({ 'cleanup.policy': 'delete,compact' }, [{ name: 'cleanup.policy', op: 'SUBTRACT', value: 'delete' }], defaults)).toEqual({ 'cleanup.policy': 'compact' });
    expect(invalid(() => applyAlterOperations(start, [{ name: 'retention.ms', op: 'APPEND', value: '5' }], defaults)).message).toMatch(/only allowed for list configs/);
    invalid(() => applyAlterOperations(start, [{ name: 'retention.ms', op: 'SET', value: null }], defaults));
    expect(start).toEqual({ 'retention.ms': '1000', 'cleanup.policy': 'delete' });
  });

  it('starts list operations from the value in force, as Kafka does, and keeps an emptied list', () => {
    expect(applyAlterOperations({}, [{ name: 'cleanup.policy', op: 'APPEND', value: 'compact' }], defaults)).toEqual({ 'cleanup.policy': 'delete,compact' });
    expect(applyAlterOperations({}, [{ name: 'cleanup.policy', op: 'SUBTRACT', value: 'delete' }], defaults)).toEqual({ 'cleanup.policy': '' });
  });
});
