import type { PartitionSummary, TopicConfigEntry, TopicSummary } from '../../../../electron/contract';

/** Partitions shown per page on a topic's page. */
export const PARTITIONS_PAGE_SIZE = 50;

export interface TopicsSliceState {
  /** Every topic (at most MAX_TOPICS_LISTED), sorted by name, as last pushed or loaded. */
  topicList: TopicSummary[];
  /** All topics the broker has, including any past the cap. */
  topicsTotal: number;
  /** Whether a list has arrived since start-up. */
  topicListLoaded: boolean;
  /** Why the last list request failed (e.g. the broker is not running); null if it worked. */
  topicListError: string | null;

  /** The topic whose page is open; null shows the list. */
  openTopicName: string | null;
  /** The open topic's totals, kept current from the pushed list. */
  openTopicSummary: TopicSummary | null;
  /** The open topic no longer exists (deleted here or by a client). */
  openTopicGone: boolean;
  /** Index of the first partition on the page shown. */
  partitionsOffset: number;
  /** The page of partitions shown (at most PARTITIONS_PAGE_SIZE). */
  topicPartitions: PartitionSummary[];
  topicPartitionsError: string | null;
  /** Every config of the open topic; null until loaded. */
  topicConfigs: TopicConfigEntry[] | null;
  topicConfigsError: string | null;
}

export const initialTopicsState: TopicsSliceState = {
  topicList: [],
  topicsTotal: 0,
  topicListLoaded: false,
  topicListError: null,
  openTopicName: null,
  openTopicSummary: null,
  openTopicGone: false,
  partitionsOffset: 0,
  topicPartitions: [],
  topicPartitionsError: null,
  topicConfigs: null,
  topicConfigsError: null,
};

/** What the open-topic part of the state is reset to when a topic is opened or closed. */
export function openTopicState(name: string | null): Partial<TopicsSliceState> {
  return {
    openTopicName: name,
    openTopicSummary: null,
    openTopicGone: false,
    partitionsOffset: 0,
    topicPartitions: [],
    topicPartitionsError: null,
    topicConfigs: null,
    topicConfigsError: null,
  };
}
