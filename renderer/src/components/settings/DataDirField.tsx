import type { DataDirChangeMode, SettingsView } from '../../../../electron/contract';
import { SettingSource } from './SettingSource';

interface Props {
  setting: SettingsView['dataDir'];
  draft: string | undefined;
  mode: DataDirChangeMode;
  /** What became (or becomes) of the previous data directory. */
  note: string | null;
  error: string | undefined;
  onChange(path: string): void;
  onModeChange(mode: DataDirChangeMode): void;
}

/**
 * The data directory, and what happens to the current one when it changes: moved to the new place,
 * or kept where it is while the broker starts fresh. Said before saving, and after (`note`).
 */
export function DataDirField({ setting, draft, mode, note, error, onChange, onModeChange }: Props) {
  const fromFlag = setting.source === 'flag';
  const changing = draft !== undefined && draft.trim() !== '' && draft.trim() !== setting.value;
  return (
    <div className="field settings-field" data-testid="settings-data-dir-field">
      <label className="field__label" htmlFor="settings-data-dir">
        Data directory <SettingSource source={setting.source} flag={setting.flag} testId="settings-data-dir-source" />
      </label>
      <input
        id="settings-data-dir"
        className={error ? 'input input--mono settings-field__text input--invalid' : 'input input--mono settings-field__text'}
        value={draft ?? setting.value}
        onChange={(event) => onChange(event.target.value)}
        disabled={fromFlag}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        data-testid="settings-data-dir"
      />
      {changing && (
        <div className="choice-group settings-field__modes" role="radiogroup" aria-label="What happens to the current data" data-testid="settings-data-dir-mode">
          <label className="choice">
            <input type="radio" name="data-dir-mode" checked={mode === 'move'} onChange={() => onModeChange('move')} data-testid="settings-data-dir-move" />
            Move the data there
            <span className="choice__note">the broker stops, {setting.value} moves to the new folder, the broker starts there</span>
          </label>
          <label className="choice">
            <input type="radio" name="data-dir-mode" checked={mode === 'fresh'} onChange={() => onModeChange('fresh')} data-testid="settings-data-dir-fresh" />
            Start fresh there
            <span className="choice__note">no topics; {setting.value} is kept where it is, untouched</span>
          </label>
        </div>
      )}
      {error ? (
        <span className="field__problem" data-testid="settings-data-dir-error">
          {error}
        </span>
      ) : (
        <span className="field__help">{fromFlag ? 'Launch without --data-dir to set it here.' : 'An empty or new folder. Applied when the broker restarts.'}</span>
      )}
      {note && (
        <span className="field__help settings-field__note" data-testid="settings-data-dir-note">
          {note}
        </span>
      )}
    </div>
  );
}
