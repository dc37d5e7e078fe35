/**
 * The colour scheme the page is shown in (`prefers-color-scheme`: the system's, in the desktop app
 * and in a browser), live: components that draw outside CSS (the lag chart's canvas) redraw with
 * the palette's colours when it changes.
 */
import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-color-scheme: light)';

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(QUERY);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

export function useColorScheme(): 'light' | 'dark' {
  return useSyncExternalStore(
    subscribe,
    () => (window.matchMedia(QUERY).matches ? 'light' : 'dark'),
    () => 'dark',
  );
}

/** A colour variable of the current palette (base.css), e.g. `paletteColor('--accent')`. */
export function paletteColor(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}
