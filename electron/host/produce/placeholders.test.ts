import { describe, expect, it } from 'vitest';
import { compileTemplate, PlaceholderError } from './placeholders';

const context = (index: number, random = () => 0.5) => ({ index, now: 1_700_000_000_123, random });

describe('compileTemplate', () => {
  it('keeps text without placeholders as it is', () => {
    const template = compileTemplate('{"plain": true} {{ not closed', 'value');
    expect(template.constant).toBe('{"plain": true} {{ not closed');
    expect(template.render(context(3))).toBe('{"plain": true} {{ not closed');
  });

  it('replaces index, timestamp and uuid per record', () => {
    const template = compileTemplate('{"n": {{index}}, "at": {{ timestamp }}, "id": "{{uuid}}"}', 'value');
    expect(template.constant).toBeNull();
    const first = JSON.parse(template.render(context(0)));
    const second = JSON.parse(template.render(context(41)));
    expect(first.n).toBe(0);
    expect(second.n).toBe(41);
    expect(first.at).toBe(1_700_000_000_123);
    expect(first.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first.id).not.toBe(second.id);
  });

  it('draws randomInt inclusively and picks among the words (quoted ones with spaces)', () => {
    const ints = compileTemplate('{{randomInt 1 3}}', 'key');
    expect(ints.render(context(0, () => 0))).toBe('1');
    expect(ints.render(context(0, () => 0.999999))).toBe('3');
    const seen = new Set(Array.from({ length: 300 }, () => ints.render(context(0, Math.random))));
    expect([...seen].sort()).toEqual(['1', '2', '3']);
    const pick = compileTemplate('{{pick red "dark green" blue}}', 'value');
    expect(pick.render(context(0, () => 0))).toBe('red');
    expect(pick.render(context(0, () => 0.5))).toBe('dark green');
    expect(pick.render(context(0, () => 0.99))).toBe('blue');
  });

  it('refuses what is not a placeholder, saying what is allowed', () => {
    expect(() => compileTemplate('{{idx}}', 'value')).toThrow(PlaceholderError);
    expect(() => compileTemplate('a {{idx}}', 'value')).toThrow('{{idx}} in value is not a placeholder: use {{index}}, {{uuid}}, {{timestamp}}, {{randomInt A B}}, {{pick a b …}}');
    expect(() => compileTemplate('{{randomInt 5 1}}', 'key')).toThrow('randomInt takes two integers, the lower first');
    expect(() => compileTemplate('{{randomInt 1}}', 'key')).toThrow('randomInt takes 2 numbers');
    expect(() => compileTemplate('{{index 3}}', 'key')).toThrow('index takes nothing');
    expect(() => compileTemplate('{{pick}}', 'header "h" value')).toThrow('{{pick}} in header "h" value: pick takes at least one word');
  });
});
