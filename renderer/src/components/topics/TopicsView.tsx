import { useAppStore } from '../../store/use-app-store';
import { selectOpenTopicName } from '../../store/topics';
import { TopicListPage } from './TopicListPage';
import { TopicPage } from './TopicPage';

/** The Topics view: the list, or one topic's page when a topic is open. */
export function TopicsView() {
  const openTopic = useAppStore(selectOpenTopicName);
  return openTopic === null ? <TopicListPage /> : <TopicPage key={openTopic} name={openTopic} />;
}
