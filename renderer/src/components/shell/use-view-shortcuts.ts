/**
 * The shell's keyboard shortcuts for the main views (view-shortcut-key.ts): one keydown listener
 * on the window while the shell is mounted. The desktop app's "Go" menu sends the same key presses
 * (see electron/main/app-menu.ts), so both paths navigate the same way.
 */
import { useEffect, useRef } from 'react';
import type { AppView } from '../../store/navigation';
import { isMacPlatform, shortcutView } from './view-shortcut-key';

export function useViewShortcuts(select: (view: AppView) => void): void {
  const selectRef = useRef(select);
  useEffect(() => {
    selectRef.current = select;
  });
  useEffect(() => {
    const mac = isMacPlatform(navigator.platform);
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      const view = shortcutView(event, mac);
      if (view === null) return;
      event.preventDefault();
      selectRef.current(view);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
