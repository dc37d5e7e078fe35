/**
 * `produce.snippet`: the produce form or a browse/tail position as runnable client code, for
 * kafka-python, confluent-kafka-python, kafkajs or kcat, with the cluster's bootstrap address.
 * A form the form itself would refuse (bad JSON, bad hex, the explicit partitioner without a
 * partition) is refused the same way.
 */
import type { SnippetLanguage, SnippetSubject } from '../../../contract';
import { PartitionChoiceError } from '../partitioner';
import { kafkajsConsume, kafkajsProduce } from './kafkajs-snippets';
import { kcatConsume, kcatProduce } from './kcat-snippets';
import { confluentConsume, confluentProduce, kafkaPythonConsume, kafkaPythonProduce } from './python-snippets';
import { produceSnippetInput, type ConsumeSnippetInput, type ProduceSnippetInput } from './snippet-input';

const PRODUCE: Record<SnippetLanguage, (input: ProduceSnippetInput) => string> = {
  'kafka-python': kafkaPythonProduce,
  'confluent-kafka-python': confluentProduce,
  kafkajs: kafkajsProduce,
  kcat: kcatProduce,
};

const CONSUME: Record<SnippetLanguage, (input: ConsumeSnippetInput) => string> = {
  'kafka-python': kafkaPythonConsume,
  'confluent-kafka-python': confluentConsume,
  kafkajs: kafkajsConsume,
  kcat: kcatConsume,
};

export function generateSnippet(subject: SnippetSubject, language: SnippetLanguage, bootstrap: string): string {
  if (subject.kind === 'produce') {
    if (subject.settings.partitioner === 'explicit' && subject.record.partition === undefined) {
      throw new PartitionChoiceError('no partition given: the explicit partitioner sends the record to the partition it names');
    }
    return PRODUCE[language](produceSnippetInput(bootstrap, subject.topic, subject.record, subject.settings));
  }
  const partitions = subject.partitions === null ? null : [...new Set(subject.partitions)].sort((a, b) => a - b);
  return CONSUME[language]({ bootstrap, topic: subject.topic, partitions, start: subject.start });
}
