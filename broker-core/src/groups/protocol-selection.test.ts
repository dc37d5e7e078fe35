import { describe, expect, it } from 'vitest';
import { candidateProtocols, selectProtocol, supportsProtocols } from './protocol-selection';

const member = (...names: string[]) => ({ protocols: names.map((name) => ({ name })) });

describe('selectProtocol', () => {
  it('picks the only protocol a single member offers first', () => {
    expect(selectProtocol([member('range', 'roundrobin')])).toBe('range');
  });

  it('considers only protocols every member supports', () => {
    const members = [member('cooperative-sticky', 'range'), member('range'), member('roundrobin', 'range')];
    expect([...candidateProtocols(members)]).toEqual(['range']);
    expect(selectProtocol(members)).toBe('range');
  });

  it('chooses the protocol most members prefer', () => {
    const members = [member('range', 'roundrobin'), member('roundrobin', 'range'), member('roundrobin', 'range')];
    expect(selectProtocol(members)).toBe('roundrobin');
  });

  it('votes for the first supported candidate in each member’s own order', () => {
    // "sticky" is not common, so the first member's vote falls to its next choice.
    const members = [member('sticky', 'roundrobin', 'range'), member('range', 'roundrobin'), member('roundrobin', 'range')];
    expect(selectProtocol(members)).toBe('roundrobin');
  });

  it('breaks a tie in favour of the earliest member’s vote', () => {
    expect(selectProtocol([member('range', 'roundrobin'), member('roundrobin', 'range')])).toBe('range');
    expect(selectProtocol([member('roundrobin', 'range'), member('range', 'roundrobin')])).toBe('roundrobin');
  });

  it('refuses a group with no members or no common protocol', () => {
    expect(() => selectProtocol([])).toThrow(/without members/);
    expect(() => selectProtocol([member('range'), member('roundrobin')])).toThrow(/share no protocol/);
  });
});

describe('supportsProtocols', () => {
  const active = { isEmpty: false, protocolType: 'consumer', members: [member('range', 'roundrobin'), member('roundrobin')] };

  it('lets any non-empty protocol type and list into an empty group', () => {
    expect(supportsProtocols({ isEmpty: true, protocolType: 'consumer', members: [] }, 'connect', ['default'])).toBe(true);
    expect(supportsProtocols({ isEmpty: true, protocolType: null, members: [] }, '', ['range'])).toBe(false);
    expect(supportsProtocols({ isEmpty: true, protocolType: null, members: [] }, 'consumer', [])).toBe(false);
  });

  it('requires the group’s protocol type', () => {
    expect(supportsProtocols(active, 'connect', ['roundrobin'])).toBe(false);
  });

  it('requires a protocol every current member supports', () => {
    expect(supportsProtocols(active, 'consumer', ['range'])).toBe(false);
    expect(supportsProtocols(active, 'consumer', ['sticky', 'roundrobin'])).toBe(true);
  });

  it('accepts any protocol while a rebalancing group has no members left', () => {
    expect(supportsProtocols({ isEmpty: false, protocolType: 'consumer', members: [] }, 'consumer', ['range'])).toBe(true);
  });
});
