/**
 * The settings form: every field editable in place, saved together with one Save (the host saves
 * all or nothing and answers with the problem of each invalid field, shown under it). Drafts stay
 * until saved or discarded; a field a flag sets is disabled.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SettingsView } from '../../../../electron/contract';
import { selectSettingsActions, selectSettingsSave } from '../../store/settings';
import { useAppStore } from '../../store/use-app-store';
import { FormError } from '../common/Dialog';
import { BrokerConfigTable } from './BrokerConfigTable';
import { DataDirField } from './DataDirField';
import { ListenAddressField } from './ListenAddressField';
import { PortField } from './PortField';
import { changesOf, emptyDrafts, type SettingsDrafts } from './settings-drafts';

export function SettingsForm({ settings }: { settings: SettingsView }) {
  const save = useAppStore(selectSettingsSave);
  const { saveSettings, clearSettingsErrors } = useAppStore(useShallow(selectSettingsActions));
  const [drafts, setDrafts] = useState<SettingsDrafts>(emptyDrafts);
  const [justSaved, setJustSaved] = useState(false);
  const { changes, problems, dirty } = changesOf(settings, drafts);
  const errors = { ...save.fieldErrors, ...problems };

  const edit = (patch: Partial<SettingsDrafts>, field?: string) => {
    setDrafts((current) => ({ ...current, ...patch }));
    setJustSaved(false);
    if (field) clearSettingsErrors(field);
  };
  const editConfig = (name: string, value: string) => {
    setDrafts((current) => ({ ...current, config: { ...current.config, [name]: value } }));
    setJustSaved(false);
    clearSettingsErrors(`config.${name}`);
  };

  const submit = async () => {
    if (Object.keys(problems).length > 0 || !dirty) return;
    if (await saveSettings(changes)) {
      setDrafts(emptyDrafts());
      setJustSaved(true);
    }
  };

  return (
    <form
      className="settings-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      data-testid="settings-form"
    >
      <div className="panel settings-section">
        <div className="panel__header">
          <h2 className="panel__title">Broker</h2>
        </div>
        <PortField setting={settings.port} draft={drafts.port} error={errors.port} onChange={(port) => edit({ port }, 'port')} />
        <ListenAddressField setting={settings.listenAddress} draft={drafts.listenAddress} error={errors.listenAddress} onChange={(listenAddress) => edit({ listenAddress }, 'listenAddress')} />
        <DataDirField
          setting={settings.dataDir}
          draft={drafts.dataDir}
          mode={drafts.dataDirMode}
          note={settings.dataDirNote}
          error={errors.dataDir}
          onChange={(dataDir) => edit({ dataDir }, 'dataDir')}
          onModeChange={(dataDirMode) => edit({ dataDirMode }, 'dataDir')}
        />
      </div>
      <BrokerConfigTable configs={settings.configs} drafts={drafts.config} errors={errors} onChange={editConfig} />
      <div className="settings-actions">
        <button type="submit" className="button button--primary" disabled={!dirty || save.saving} data-testid="settings-save">
          {save.saving ? 'Saving…' : 'Save'}
        </button>
        <button
          type="button"
          className="button"
          disabled={!dirty || save.saving}
          onClick={() => {
            setDrafts(emptyDrafts());
            clearSettingsErrors();
          }}
          data-testid="settings-discard"
        >
          Discard changes
        </button>
        {Object.keys(errors).length > 0 && (
          <span className="field__problem" role="alert" data-testid="settings-not-saved">
            Nothing was saved: fix the {Object.keys(errors).length === 1 ? 'field' : `${Object.keys(errors).length} fields`} marked above.
          </span>
        )}
        {justSaved && Object.keys(errors).length === 0 && (
          <span className="settings-actions__saved" role="status" data-testid="settings-saved">
            {save.restartNeeded && settings.pendingRestart.length > 0 ? 'Saved. Restart the broker to use them.' : 'Saved.'}
          </span>
        )}
      </div>
      <FormError message={save.error} testId="settings-error" />
    </form>
  );
}
