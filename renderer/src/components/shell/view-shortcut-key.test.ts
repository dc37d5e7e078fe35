import { describe, expect, it } from 'vitest';
import { isMacPlatform, isTypingTarget, shortcutView, type ShortcutKeyEvent } from './view-shortcut-key';

const press = (key: string, modifiers: Partial<ShortcutKeyEvent> = {}): ShortcutKeyEvent => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...modifiers,
});

describe('shortcutView', () => {
  it('maps Ctrl+1…6 to the sidebar views in order (not on macOS)', () => {
    const views = ['1', '2', '3', '4', '5', '6'].map((key) => shortcutView(press(key, { ctrlKey: true }), false));
    expect(views).toEqual(['broker', 'topics', 'groups', 'messages', 'dead-letters', 'settings']);
  });

  it('uses Cmd on macOS, and Ctrl there is not the shortcut', () => {
    expect(shortcutView(press('2', { metaKey: true }), true)).toBe('topics');
    expect(shortcutView(press('2', { ctrlKey: true }), true)).toBeNull();
    expect(shortcutView(press('2', { metaKey: true }), false)).toBeNull();
  });

  it('ignores other modifiers, other keys and digits without a view', () => {
    expect(shortcutView(press('2'), false)).toBeNull();
    expect(shortcutView(press('2', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
    expect(shortcutView(press('2', { ctrlKey: true, altKey: true }), false)).toBeNull();
    expect(shortcutView(press('9', { ctrlKey: true }), false)).toBeNull();
    expect(shortcutView(press('0', { ctrlKey: true }), false)).toBeNull();
    expect(shortcutView(press('a', { ctrlKey: true }), false)).toBeNull();
  });

  it('reads the digit from the key code when the layout gives another character (AZERTY: & for 1)', () => {
    expect(shortcutView(press('&', { ctrlKey: true, code: 'Digit1' }), false)).toBe('broker');
  });

  it('leaves the key to a field the user types in', () => {
    for (const target of [{ tagName: 'INPUT' }, { tagName: 'textarea' }, { tagName: 'SELECT' }, { tagName: 'DIV', isContentEditable: true }]) {
      expect(isTypingTarget(target)).toBe(true);
      expect(shortcutView(press('2', { ctrlKey: true, target }), false)).toBeNull();
    }
    expect(shortcutView(press('2', { ctrlKey: true, target: { tagName: 'BUTTON' } }), false)).toBe('topics');
  });
});

it('isMacPlatform', () => {
  expect(isMacPlatform('MacIntel')).toBe(true);
  expect(isMacPlatform('Linux x86_64')).toBe(false);
  expect(isMacPlatform('Win32')).toBe(false);
});
