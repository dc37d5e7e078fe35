import { describe, expect, it } from 'vitest';
import { ClusterError } from '../cluster-admin';
import { getApiDefinition } from '../../../../broker-core/src/protocol/index';
import { requireFeature, unavailableFeatures } from './feature-support';

const table = (entries: Array<[number, number, number]>) => new Map(entries.map(([key, min, max]) => [key, { min, max }]));
/** librdkafka 2.0.2's mock cluster, as it answers ApiVersions: Kafka 2.x client versions, no administration. */
const MOCK = table([[0, 0, 7], [1, 0, 11], [2, 0, 5], [3, 0, 2], [8, 0, 7], [9, 0, 5], [10, 0, 2], [11, 0, 5], [12, 0, 3], [13, 0, 1], [14, 0, 3], [18, 0, 2], [22, 0, 4]]);
/** A current Kafka: every API at every version of Kafka's message definitions. */
const CURRENT = table(
  Array.from({ length: 100 }, (_, key) => getApiDefinition(key))
    .filter((api) => api !== undefined)
    .map((api) => [api.apiKey, api.validVersions.min, api.validVersions.max]),
);

describe('what a cluster cannot do for the console', () => {
  it('a current Kafka: nothing', () => {
    expect(unavailableFeatures(CURRENT)).toEqual([]);
    expect(() => requireFeature(CURRENT, 'createTopic')).not.toThrow();
  });

  it("librdkafka's mock: each API it lacks takes its feature away, in words; browsing, group offsets and producing stay", () => {
    const limits = unavailableFeatures(MOCK);
    expect(limits.map((limit) => limit.feature)).toEqual(['topicConfigs', 'createTopic', 'deleteTopic', 'createPartitions', 'alterConfigs', 'deleteRecords', 'listGroups', 'describeGroup', 'deleteGroup']);
    expect(limits.find((limit) => limit.feature === 'createTopic')?.reason).toBe('Creating a topic is not available on this cluster: the cluster does not offer CreateTopics at all');
    expect(limits.find((limit) => limit.feature === 'listGroups')?.reason).toBe('Listing groups is not available on this cluster: the cluster does not offer ListGroups at all');
    expect(() => requireFeature(MOCK, 'deleteTopic')).toThrow(ClusterError);
    expect(() => requireFeature(MOCK, 'groupOffsets')).not.toThrow();
  });

  it('a Kafka 2.2 (before IncrementalAlterConfigs): changing configs is named as missing, with the API', () => {
    const kafka22 = new Map(CURRENT);
    kafka22.delete(44);
    expect(unavailableFeatures(kafka22)).toEqual([{ feature: 'alterConfigs', reason: "Changing a topic's configs is not available on this cluster: the cluster does not offer IncrementalAlterConfigs at all" }]);
  });

  it('a cluster without Produce: producing is named too', () => {
    const withoutProduce = new Map(MOCK);
    withoutProduce.delete(0);
    expect(unavailableFeatures(withoutProduce).find((limit) => limit.feature === 'produce')?.reason).toBe('Producing is not available on this cluster: the cluster does not offer Produce at all');
  });

  it('a Kafka 2.8 (OffsetFetch only up to v7, FindCoordinator up to v3): everything', () => {
    const kafka28 = new Map(CURRENT);
    kafka28.set(9, { min: 0, max: 7 });
    kafka28.set(10, { min: 0, max: 3 });
    expect(unavailableFeatures(kafka28)).toEqual([]);
  });

  it('a Kafka 0.10.1 (no OffsetFetch v2, so no "every topic of the group"): its offsets are named as missing', () => {
    const old = new Map(CURRENT);
    old.set(9, { min: 0, max: 1 });
    expect(unavailableFeatures(old)).toEqual([
      { feature: 'groupOffsets', reason: "Reading a group's offsets is not available on this cluster: the cluster offers OffsetFetch v0–v1; this console needs v2 or later (Kafka 0.10.2 or later)" },
    ]);
  });
});
