/**
 * How the key and the value are shown, each on its own: auto (JSON, then text, then hex) or one
 * mode; int and long read 4 and 8 bytes big-endian, as Kafka's Integer and Long serializers write
 * keys. Applies at once.
 */
import type { DecodeMode, Decoding } from '../../../../electron/contract';

const KEY_MODES: Array<[DecodeMode, string]> = [
  ['auto', 'Auto'],
  ['string', 'String'],
  ['json', 'JSON'],
  ['hex', 'Hex'],
  ['base64', 'Base64'],
  ['int', 'Int'],
  ['long', 'Long'],
];
const VALUE_MODES = KEY_MODES.slice(0, 5);

export function DecodingPicker({ decoding, onChange }: { decoding: Decoding; onChange(decoding: Decoding): void }) {
  return (
    <>
      <label className="toolbar-field">
        <span className="toolbar-field__label">Key as</span>
        <select className="select" value={decoding.key} onChange={(event) => onChange({ ...decoding, key: event.target.value as DecodeMode })} data-testid="messages-key-decoding">
          {KEY_MODES.map(([mode, label]) => (
            <option key={mode} value={mode}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="toolbar-field">
        <span className="toolbar-field__label">Value as</span>
        <select className="select" value={decoding.value} onChange={(event) => onChange({ ...decoding, value: event.target.value as DecodeMode })} data-testid="messages-value-decoding">
          {(VALUE_MODES.some(([mode]) => mode === decoding.value) ? VALUE_MODES : KEY_MODES).map(([mode, label]) => (
            <option key={mode} value={mode}>
              {label}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
