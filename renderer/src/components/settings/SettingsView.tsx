import { selectHostLinkStatus } from '../../store/host-link';
import { selectSettings, selectSettingsLoadError } from '../../store/settings';
import { useAppStore } from '../../store/use-app-store';
import { RestartNotice } from './RestartNotice';
import { SettingsForm } from './SettingsForm';

/**
 * The Settings view: the broker's port, listen address, data directory and configs, saved per user
 * and applied by a restart on request. Values a command-line flag sets are shown as such, and
 * cannot be changed here (the flag wins). Loaded by the event hub at start-up and on reconnect, kept
 * current by `settings.changed`.
 */
export function SettingsView() {
  const settings = useAppStore(selectSettings);
  const loadError = useAppStore(selectSettingsLoadError);
  const link = useAppStore(selectHostLinkStatus);

  return (
    <section className={link === 'connected' ? 'view view--settings' : 'view view--settings view--stale'} data-testid="settings-view" aria-labelledby="settings-view-title">
      <header className="view__header">
        <div>
          <h1 className="view__title" id="settings-view-title">
            Settings
          </h1>
          <p className="view__subtitle" data-testid="settings-file">
            {settings === null ? 'The broker’s settings, kept for you across launches.' : settings.file ? (
              <>
                Saved in <code>{settings.file}</code>. Command-line flags win over these.
              </>
            ) : (
              'Kept for this run only (no settings file). Command-line flags win over these.'
            )}
          </p>
        </div>
      </header>
      {settings?.loadProblem && (
        <div className="notice notice--warning" role="alert" data-testid="settings-load-problem">
          {settings.loadProblem}
        </div>
      )}
      <RestartNotice />
      {settings === null ? (
        <div className="panel panel--placeholder" data-testid="settings-loading">
          {loadError ? `Could not read the settings: ${loadError}` : 'Reading the settings…'}
        </div>
      ) : (
        <SettingsForm settings={settings} />
      )}
    </section>
  );
}
