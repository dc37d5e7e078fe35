/**
 * The data folder, in the Broker view's control bar: "Open data folder" in the desktop app (the
 * host opens it in the file manager; a failure is said beside the button); in a browser, which
 * cannot open folders, the path itself with a copy button.
 */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/use-app-store';
import { selectBrokerActions, selectBrokerDataDir, selectCanOpenDataDir } from '../../store/broker';
import { CopyButton } from '../common/CopyButton';

export function DataFolderAction() {
  const dataDir = useAppStore(selectBrokerDataDir);
  const canOpen = useAppStore(selectCanOpenDataDir);
  const { openBrokerDataDir } = useAppStore(useShallow(selectBrokerActions));
  const [opening, setOpening] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!problem) return undefined;
    const timer = setTimeout(() => setProblem(null), 8000);
    return () => clearTimeout(timer);
  }, [problem]);

  if (!dataDir) return null;
  if (!canOpen) {
    return (
      <div className="data-folder" data-testid="broker-data-folder">
        <FolderIcon />
        <code className="data-folder__path" title={dataDir} data-testid="broker-data-folder-path">
          {dataDir}
        </code>
        <CopyButton text={dataDir} label="Copy the data folder path" testId="copy-data-folder" />
      </div>
    );
  }

  const open = async () => {
    setOpening(true);
    setProblem(null);
    const result = await openBrokerDataDir();
    setOpening(false);
    if (!result.ok) setProblem(result.message);
  };

  return (
    <span className="data-folder-open">
      <button type="button" className="button button--small" onClick={() => void open()} disabled={opening} title={dataDir} data-testid="broker-open-data-folder">
        <FolderIcon />
        Open data folder
      </button>
      {problem && (
        <span className="field__problem" role="alert" data-testid="broker-open-data-folder-error">
          {problem}
        </span>
      )}
    </span>
  );
}

function FolderIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" className="data-folder__icon">
      <path d="M1.8 4.2A1.2 1.2 0 0 1 3 3h3.2l1.5 1.6H13a1.2 1.2 0 0 1 1.2 1.2v6.2A1.2 1.2 0 0 1 13 13.2H3A1.2 1.2 0 0 1 1.8 12z" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />
    </svg>
  );
}
