/**
 * Where the console remembers how many dead letters the user has seen per DLQ topic (the
 * sidebar's "new" count): the page's localStorage, under one key, as JSON `{ topic: records }`.
 * Reading something unreadable (another version's shape, a full or disabled storage) gives an
 * empty record and writing fails silently: the count is a hint, never a reason to fail.
 */

export interface SeenDeadLetterStore {
  read(): Record<string, number>;
  write(seen: Readonly<Record<string, number>>): void;
}

export const SEEN_DEAD_LETTERS_KEY = 'eddy.deadLetters.seen';

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

function parseSeen(text: string | null): Record<string, number> {
  if (text === null) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, number] => Number.isSafeInteger(entry[1]) && entry[1] >= 0));
  } catch {
    return {};
  }
}

export function localSeenDeadLetters(storage: KeyValueStorage | null): SeenDeadLetterStore {
  return {
    read() {
      try {
        return parseSeen(storage?.getItem(SEEN_DEAD_LETTERS_KEY) ?? null);
      } catch {
        return {};
      }
    },
    write(seen) {
      try {
        storage?.setItem(SEEN_DEAD_LETTERS_KEY, JSON.stringify(seen));
      } catch {
        // Storage full or disabled: the count starts afresh next time.
      }
    },
  };
}

/** The page's localStorage, or null where reading it throws (storage disabled). */
export function storageOf(win: Pick<Window, 'localStorage'>): KeyValueStorage | null {
  try {
    return win.localStorage;
  } catch {
    return null;
  }
}

/** A store that forgets on reload (tests, or a page without storage). */
export function memorySeenDeadLetters(initial: Record<string, number> = {}): SeenDeadLetterStore {
  let seen = { ...initial };
  return {
    read: () => ({ ...seen }),
    write(next) {
      seen = { ...next };
    },
  };
}
