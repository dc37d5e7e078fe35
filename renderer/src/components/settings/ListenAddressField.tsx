import type { SettingsView } from '../../../../electron/contract';
import { SettingSource } from './SettingSource';

interface Props {
  setting: SettingsView['listenAddress'];
  draft: string | undefined;
  error: string | undefined;
  onChange(text: string): void;
}

/** Where the broker listens: loopback by default, every interface, or one address of this machine. */
export function ListenAddressField({ setting, draft, error, onChange }: Props) {
  return (
    <div className="field settings-field" data-testid="settings-listen-field">
      <label className="field__label" htmlFor="settings-listen-address">
        Listen address <SettingSource source={setting.source} flag={setting.flag} testId="settings-listen-source" />
      </label>
      <input
        id="settings-listen-address"
        className={error ? 'input input--mono settings-field__text input--invalid' : 'input input--mono settings-field__text'}
        value={draft ?? setting.value}
        onChange={(event) => onChange(event.target.value)}
        placeholder="loopback: 127.0.0.1 and ::1"
        spellCheck={false}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        data-testid="settings-listen-address"
      />
      {error ? (
        <span className="field__problem" data-testid="settings-listen-address-error">
          {error}
        </span>
      ) : (
        <span className="field__help">
          Empty: this machine only (<code>127.0.0.1</code> and <code>::1</code>). <code>0.0.0.0</code>: every interface, so other machines can connect (without authentication).
        </span>
      )}
    </div>
  );
}
