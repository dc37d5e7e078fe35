/**
 * Which view a key press asks for: Ctrl+digit (Cmd+digit on macOS) with no other modifier, the
 * digit of one of the contract's VIEW_SHORTCUTS; never while the user types in a field (an input,
 * a text area, a select, an editable element), where the key belongs to the field. Pure, so the
 * mapping is unit-tested; the shell's keydown handler (use-view-shortcuts.ts) applies it.
 */
import { VIEW_SHORTCUTS, type ViewShortcut } from '../../../../electron/contract';

export interface ShortcutKeyEvent {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  target?: unknown;
}

interface MaybeField {
  tagName?: string;
  isContentEditable?: boolean;
}

export function isTypingTarget(target: unknown): boolean {
  if (!target || typeof target !== 'object') return false;
  const field = target as MaybeField;
  if (field.isContentEditable) return true;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes((field.tagName ?? '').toUpperCase());
}

export function shortcutView(event: ShortcutKeyEvent, mac: boolean): ViewShortcut['view'] | null {
  const primary = mac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  if (!primary || event.altKey || event.shiftKey) return null;
  if (isTypingTarget(event.target)) return null;
  const digitText = /^[1-9]$/.test(event.key) ? event.key : /^Digit([1-9])$/.exec(event.code ?? '')?.[1];
  if (!digitText) return null;
  return VIEW_SHORTCUTS.find((shortcut) => shortcut.digit === Number(digitText))?.view ?? null;
}

/** Whether the page runs on macOS (where the shortcuts use Cmd). */
export function isMacPlatform(platform: string): boolean {
  return /^Mac|iPhone|iPad/.test(platform);
}
