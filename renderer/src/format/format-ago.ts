/**
 * How long ago something happened, as a list column reads it: `just now`, `12s ago`, `3m ago`,
 * `2h ago`, `4d ago`. A time in the future (clock skew between host and page) reads `just now`.
 */
export function formatAgo(epochMs: number, now: number): string {
  const seconds = Math.floor((now - epochMs) / 1000);
  if (seconds < 1) return 'just now';
  if (seconds < 60) return `${seconds}s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ago`;
  return `${Math.floor(hours / 24)}d ago`;
}
