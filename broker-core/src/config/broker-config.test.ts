import { describe, expect, it } from 'vitest';
import { BrokerConfig, InvalidBrokerConfigError } from './broker-config';

describe('BrokerConfig', () => {
  it('fills Kafka defaults', () => {
    const config = BrokerConfig.from();
    expect(config.getBoolean('auto.create.topics.enable')).toBe(true);
    expect(config.getInt('num.partitions')).toBe(1);
    expect(config.getBigInt('log.retention.ms')).toBe(604800000n);
  });

  it('accepts valid overrides in canonical form', () => {
    const config = BrokerConfig.from({ 'auto.create.topics.enable': 'FALSE', 'num.partitions': ' 3 ', 'log.retention.ms': '-1' });
    expect(config.get('auto.create.topics.enable')).toBe('false');
    expect(config.getInt('num.partitions')).toBe(3);
    expect(config.getBigInt('log.retention.ms')).toBe(-1n);
  });

  it('rejects unknown names, naming them', () => {
    expect(() => BrokerConfig.from({ 'num.partition': '3' })).toThrow(/unknown broker config "num.partition"/);
  });

  it.each([
    ['num.partitions', '0'],
    ['num.partitions', 'three'],
    ['num.partitions', '2147483648'],
    ['auto.create.topics.enable', 'yes'],
    ['log.retention.ms', '-2'],
    ['compression.type', 'brotli'],
  ])('rejects %s=%s with what is allowed', (name, value) => {
    expect(() => BrokerConfig.from({ [name]: value })).toThrow(InvalidBrokerConfigError);
    expect(() => BrokerConfig.from({ [name]: value })).toThrow(new RegExp(`invalid value "${value}" for broker config ${name.replace(/\./g, '\\.')}: expected`));
  });
});
