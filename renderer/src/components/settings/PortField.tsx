import { useShallow } from 'zustand/react/shallow';
import { useState } from 'react';
import type { SettingsView } from '../../../../electron/contract';
import { selectSettingsActions } from '../../store/settings';
import { useAppStore } from '../../store/use-app-store';
import { SettingSource } from './SettingSource';

interface Props {
  setting: SettingsView['port'];
  draft: string | undefined;
  error: string | undefined;
  onChange(text: string): void;
}

/** The broker's port, with "Pick a free port" (a port free right now, filled in; saved with Save). */
export function PortField({ setting, draft, error, onChange }: Props) {
  const { pickSettingsFreePort } = useAppStore(useShallow(selectSettingsActions));
  const [picking, setPicking] = useState(false);
  const [pickError, setPickError] = useState<string | null>(null);
  const fromFlag = setting.source === 'flag';

  const pick = async () => {
    setPicking(true);
    setPickError(null);
    const result = await pickSettingsFreePort();
    setPicking(false);
    if (result.ok) onChange(String(result.value.port));
    else setPickError(`No free port found: ${result.message}`);
  };

  return (
    <div className="field settings-field" data-testid="settings-port-field">
      <label className="field__label" htmlFor="settings-port">
        Port <SettingSource source={setting.source} flag={setting.flag} testId="settings-port-source" />
      </label>
      <div className="settings-field__row">
        <input
          id="settings-port"
          className={error ? 'input input--mono settings-field__port input--invalid' : 'input input--mono settings-field__port'}
          inputMode="numeric"
          value={draft ?? String(setting.value)}
          onChange={(event) => onChange(event.target.value)}
          disabled={fromFlag}
          aria-invalid={error ? true : undefined}
          data-testid="settings-port"
        />
        <button type="button" className="button button--small" onClick={() => void pick()} disabled={fromFlag || picking} data-testid="settings-pick-free-port">
          {picking ? 'Looking…' : 'Pick a free port'}
        </button>
      </div>
      {error ? (
        <span className="field__problem" data-testid="settings-port-error">
          {error}
        </span>
      ) : pickError ? (
        <span className="field__problem">{pickError}</span>
      ) : (
        <span className="field__help">
          {fromFlag ? 'Launch without --port to set it here.' : <>Clients connect to <code>localhost:{draft?.trim() || setting.value}</code>. Empty: 9092.</>}
        </span>
      )}
    </div>
  );
}
