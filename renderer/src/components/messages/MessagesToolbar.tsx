/**
 * The Messages view's pickers: topic, partitions, start position (browse) or what a tail begins
 * with, key and value decoding. Each change reads again (or restarts the tail).
 */
import { useAppStore } from '../../store/use-app-store';
import { selectMessagesQuery, selectMessagesTopicPartitions } from '../../store/messages';
import { selectTailOptions, formatTailFrom } from '../../store/tail';
import { formatStart } from '../../routing/app-route';
import { DecodingPicker } from './DecodingPicker';
import { PartitionPicker } from './PartitionPicker';
import { StartPicker } from './StartPicker';
import { TailBeginPicker } from './TailBeginPicker';
import { TopicPicker } from './TopicPicker';
import { useMessagesActions } from './use-messages-actions';
import { useTailActions } from './use-tail-actions';

export function MessagesToolbar() {
  const query = useAppStore(selectMessagesQuery);
  const partitionCount = useAppStore(selectMessagesTopicPartitions);
  const tailOptions = useAppStore(selectTailOptions);
  const { changeMessagesQuery } = useMessagesActions();
  const { changeTailOptions } = useTailActions();
  return (
    <div className="messages-toolbar" data-testid="messages-toolbar">
      <TopicPicker topic={query.topic} onChange={(topic) => changeMessagesQuery({ topic })} />
      <PartitionPicker count={partitionCount} selected={query.partitions} onChange={(partitions) => changeMessagesQuery({ partitions })} />
      {query.mode === 'tail' ? (
        <TailBeginPicker key={formatTailFrom(tailOptions.from)} from={tailOptions.from} onChange={(from) => changeTailOptions({ from })} />
      ) : (
        <StartPicker key={formatStart(query.start)} start={query.start} onChange={(start) => changeMessagesQuery({ start })} />
      )}
      <DecodingPicker decoding={query.decoding} onChange={(decoding) => changeMessagesQuery({ decoding })} />
    </div>
  );
}
