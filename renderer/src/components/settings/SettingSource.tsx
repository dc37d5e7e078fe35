import type { SettingSource as Source } from '../../../../electron/contract';

/** Where a value comes from: Eddy's default, the user's saved setting, or a command-line flag (which wins). */
export function SettingSource({ source, flag, testId }: { source: Source; flag: string | null; testId: string }) {
  if (source === 'flag') {
    return (
      <span className="tag tag--accent setting-source" title="Command-line flags win over settings; launch without the flag to change this here." data-testid={testId} data-source={source}>
        set by <code>{flag}</code>
      </span>
    );
  }
  return (
    <span className={source === 'settings' ? 'tag setting-source setting-source--saved' : 'tag setting-source'} data-testid={testId} data-source={source}>
      {source === 'settings' ? 'saved' : 'default'}
    </span>
  );
}
