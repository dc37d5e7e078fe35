/** Which topic the Messages view reads: every listed topic, and the one shown even when it is gone. */
import { useAppStore } from '../../store/use-app-store';
import { selectTopicList, selectTopicListLoaded } from '../../store/topics';

export function TopicPicker({ topic, onChange }: { topic: string | null; onChange(topic: string): void }) {
  const topics = useAppStore(selectTopicList);
  const loaded = useAppStore(selectTopicListLoaded);
  const listed = topic === null || topics.some((summary) => summary.name === topic);
  return (
    <label className="toolbar-field">
      <span className="toolbar-field__label">Topic</span>
      <select className="select select--topic" value={topic ?? ''} onChange={(event) => event.target.value && onChange(event.target.value)} data-testid="messages-topic">
        {topic === null && <option value="">Choose a topic…</option>}
        {!listed && <option value={topic}>{loaded ? `${topic} (not found)` : topic}</option>}
        {topics.map((summary) => (
          <option key={summary.name} value={summary.name}>
            {summary.name}
          </option>
        ))}
      </select>
    </label>
  );
}
