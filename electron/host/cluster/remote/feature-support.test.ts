import { describe, expect, it } from 'vitest';
import { ClusterError } from '../cluster-admin';
import { CLIENT_API_VERSIONS } from './client-protocol-minimums';
import { requireFeature, unavailableFeatures } from './feature-support';

const table = (entries: Array<[number, number, number]>) => new Map(entries.map(([key, min, max]) => [key, { min, max }]));
/** librdkafka 2.0.2's mock cluster, as it answers ApiVersions: Kafka 2.x client versions, no administration. */
const MOCK = table([[0, 0, 7], [1, 0, 11], [2, 0, 5], [3, 0, 2], [8, 0, 7], [9, 0, 5], [10, 0, 2], [11, 0, 5], [12, 0, 3], [13, 0, 1], [14, 0, 3], [18, 0, 2], [22, 0, 4]]);
const CURRENT = table(CLIENT_API_VERSIONS.map(({ key, max }) => [key, 0, max]));

describe('what a cluster cannot do for the console', () => {
  it('a current Kafka: nothing', () => {
    expect(unavailableFeatures(CURRENT)).toEqual([]);
    expect(() => requireFeature(CURRENT, 'createTopic')).not.toThrow();
  });

  it("librdkafka's mock: topic administration (the client's) is missing, each with why; so are the group APIs it lacks; group offsets and producing stay", () => {
    const limits = unavailableFeatures(MOCK);
    expect(limits.map((limit) => limit.feature)).toEqual(['topicConfigs', 'createTopic', 'deleteTopic', 'createPartitions', 'alterConfigs', 'deleteRecords', 'listGroups', 'describeGroup', 'deleteGroup']);
    expect(limits.find((limit) => limit.feature === 'createTopic')?.reason).toBe('Creating a topic is not available on this cluster: the cluster does not offer CreateTopics');
    expect(limits.find((limit) => limit.feature === 'deleteTopic')?.reason).toBe(
      "Deleting a topic is not available on this cluster: Kafka 2.4 or later is needed (ApiVersions v3, which this console's Kafka client asks first); the cluster offers ApiVersions up to v2",
    );
    expect(limits.find((limit) => limit.feature === 'listGroups')?.reason).toBe('Listing groups is not available on this cluster: the cluster does not offer ListGroups at all');
    expect(() => requireFeature(MOCK, 'deleteTopic')).toThrow(ClusterError);
  });

  it('a cluster without Produce: producing is named too', () => {
    const withoutProduce = new Map(MOCK);
    withoutProduce.delete(0);
    expect(unavailableFeatures(withoutProduce).find((limit) => limit.feature === 'produce')?.reason).toBe('Producing is not available on this cluster: the cluster does not offer Produce at all');
  });

  it('a Kafka 2.8 (OffsetFetch only up to v7, FindCoordinator up to v3, which the Kafka client would not speak): everything', () => {
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
