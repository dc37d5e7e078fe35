import type { BrokerConfigSetting } from '../../../../electron/contract';
import { SettingSource } from './SettingSource';

interface Props {
  configs: BrokerConfigSetting[];
  drafts: Record<string, string>;
  /** By field: `config.<name>`. */
  errors: Record<string, string>;
  onChange(name: string, value: string): void;
}

/**
 * The broker configs by their Kafka names, checked as `--config` checks them: each row's value,
 * where it comes from, its default and what it does; a value a flag sets is read-only. An emptied
 * value returns to the default.
 */
export function BrokerConfigTable({ configs, drafts, errors, onChange }: Props) {
  return (
    <div className="panel settings-section" data-testid="settings-configs">
      <div className="panel__header">
        <h2 className="panel__title">Broker configs</h2>
        <span className="panel__count">{configs.length}</span>
      </div>
      <p className="field__help settings-configs__intro">By Kafka’s names, with Kafka’s defaults (empty a value to return to its default). Applied when the broker restarts.</p>
      <table className="settings-configs__table">
        <tbody>
          {configs.map((config) => {
            const error = errors[`config.${config.name}`];
            return (
              <tr key={config.name} data-testid="settings-config-row" data-name={config.name} data-source={config.source}>
                <th scope="row" className="settings-configs__name">
                  <label htmlFor={`settings-config-${config.name}`}>
                    <code>{config.name}</code>
                  </label>
                  <span className="settings-configs__doc">{config.doc}</span>
                </th>
                <td>
                  <div className="settings-configs__value">
                    <input
                      id={`settings-config-${config.name}`}
                      className={error ? 'input input--mono input--invalid' : 'input input--mono'}
                      value={drafts[config.name] ?? config.value}
                      onChange={(event) => onChange(config.name, event.target.value)}
                      disabled={config.source === 'flag'}
                      type={config.sensitive ? 'password' : 'text'}
                      placeholder={config.sensitive ? (config.source === 'default' ? 'not set' : 'set (hidden); type to replace') : config.default}
                      spellCheck={false}
                      autoComplete="off"
                      aria-invalid={error ? true : undefined}
                      data-testid="settings-config-input"
                    />
                    {error ? (
                      <span className="field__problem" data-testid="settings-config-error">
                        {error}
                      </span>
                    ) : (
                      <span className="settings-configs__allowed">
                        {config.allowed}
                        {config.sensitive ? '; a secret: kept in the settings file as typed, never shown' : config.default === '' ? '; empty by default' : <>; default <code>{config.default}</code></>}
                      </span>
                    )}
                  </div>
                </td>
                <td className="settings-configs__source">
                  <SettingSource source={config.source} flag={config.flag} testId="settings-config-source" />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
