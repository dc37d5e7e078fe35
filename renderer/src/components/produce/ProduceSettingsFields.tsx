/**
 * How records are sent: the partitioner (Kafka's murmur2 key hash, as the Java client, librdkafka
 * and kafkajs pick; round-robin; random; or an explicit partition), compression and acks.
 */
import type { Partitioner, ProduceSettings } from '../../../../electron/contract';

const PARTITIONERS: Array<[Partitioner, string]> = [
  ['murmur2', 'Key hash (murmur2)'],
  ['round-robin', 'Round-robin'],
  ['random', 'Random'],
  ['explicit', 'Explicit partition'],
];
const COMPRESSIONS: Array<ProduceSettings['compression']> = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];
const ACKS: Array<[ProduceSettings['acks'], string]> = [
  [-1, 'all (fsynced)'],
  [1, 'leader (written)'],
  [0, 'none (not waited for)'],
];

interface ProduceSettingsFieldsProps {
  settings: ProduceSettings;
  onChange(settings: ProduceSettings): void;
  /** The explicit partition, as typed; omitted: no partition field (the import's lines name their own). */
  partition?: { text: string; onChange(text: string): void; problem: string | null; count: number };
}

export function ProduceSettingsFields({ settings, onChange, partition }: ProduceSettingsFieldsProps) {
  return (
    <div className="produce-settings" data-testid="produce-settings">
      <label className="produce-settings__field">
        <span className="field__label">Partitioner</span>
        <select className="select select--small" value={settings.partitioner} onChange={(event) => onChange({ ...settings, partitioner: event.target.value as Partitioner })} data-testid="produce-partitioner">
          {PARTITIONERS.filter(([value]) => partition || value !== 'explicit').map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {partition && settings.partitioner === 'explicit' && (
        <label className="produce-settings__field">
          <span className="field__label">Partition</span>
          <input
            className={partition.problem ? 'input input--mono input--small input--partition input--invalid' : 'input input--mono input--small input--partition'}
            inputMode="numeric"
            value={partition.text}
            onChange={(event) => partition.onChange(event.target.value)}
            title={partition.count > 0 ? `The topic has partitions 0 to ${partition.count - 1}` : undefined}
            data-testid="produce-partition"
          />
        </label>
      )}
      <label className="produce-settings__field">
        <span className="field__label">Compression</span>
        <select className="select select--small" value={settings.compression} onChange={(event) => onChange({ ...settings, compression: event.target.value as ProduceSettings['compression'] })} data-testid="produce-compression">
          {COMPRESSIONS.map((compression) => (
            <option key={compression} value={compression}>
              {compression}
            </option>
          ))}
        </select>
      </label>
      <label className="produce-settings__field">
        <span className="field__label">Acks</span>
        <select className="select select--small" value={settings.acks} onChange={(event) => onChange({ ...settings, acks: Number(event.target.value) as ProduceSettings['acks'] })} data-testid="produce-acks">
          {ACKS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {partition?.problem && settings.partitioner === 'explicit' && (
        <span className="field__problem produce-settings__problem" data-testid="produce-partition-problem">
          {partition.problem}
        </span>
      )}
    </div>
  );
}
