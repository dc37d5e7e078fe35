/** The Messages view's pickers: topic, partitions, start position, key and value decoding. Each change reads again. */
import { useAppStore } from '../../store/use-app-store';
import { selectMessagesQuery, selectMessagesTopicPartitions } from '../../store/messages';
import { formatStart } from '../../routing/app-route';
import { DecodingPicker } from './DecodingPicker';
import { PartitionPicker } from './PartitionPicker';
import { StartPicker } from './StartPicker';
import { TopicPicker } from './TopicPicker';
import { useMessagesActions } from './use-messages-actions';

export function MessagesToolbar() {
  const query = useAppStore(selectMessagesQuery);
  const partitionCount = useAppStore(selectMessagesTopicPartitions);
  const { changeMessagesQuery } = useMessagesActions();
  return (
    <div className="messages-toolbar" data-testid="messages-toolbar">
      <TopicPicker topic={query.topic} onChange={(topic) => changeMessagesQuery({ topic })} />
      <PartitionPicker count={partitionCount} selected={query.partitions} onChange={(partitions) => changeMessagesQuery({ partitions })} />
      <StartPicker key={formatStart(query.start)} start={query.start} onChange={(start) => changeMessagesQuery({ start })} />
      <DecodingPicker decoding={query.decoding} onChange={(decoding) => changeMessagesQuery({ decoding })} />
    </div>
  );
}
