/**
 * Choosing a group's protocol (for consumers: the partition assignor), as Kafka does: the
 * candidates are the protocols every member supports; each member votes for the first candidate
 * in its own preference order; the candidate with the most votes wins. Kafka leaves ties to hash
 * order; here a tie goes to the protocol whose first vote came from the earliest member in the
 * given order (the coordinator passes members in join order), so the choice is deterministic.
 *
 * Pure functions over member protocol lists; no group state.
 */

export interface ProtocolPreferences {
  /** Protocol names in the member's order of preference. */
  readonly protocols: readonly { readonly name: string }[];
}

/** The protocols every member supports. */
export function candidateProtocols(members: readonly ProtocolPreferences[]): Set<string> {
  if (members.length === 0) return new Set();
  const candidates = new Set(members[0].protocols.map((protocol) => protocol.name));
  for (const member of members.slice(1)) {
    const names = new Set(member.protocols.map((protocol) => protocol.name));
    for (const name of candidates) if (!names.has(name)) candidates.delete(name);
  }
  return candidates;
}

/** The protocol the group uses; throws when there are no members or no common protocol (the coordinator prevents both). */
export function selectProtocol(members: readonly ProtocolPreferences[]): string {
  const candidates = candidateProtocols(members);
  if (candidates.size === 0) {
    throw new Error(members.length === 0 ? 'cannot select a protocol for a group without members' : 'the members share no protocol');
  }
  const votes = new Map<string, number>();
  for (const member of members) {
    const vote = member.protocols.find((protocol) => candidates.has(protocol.name))!.name;
    votes.set(vote, (votes.get(vote) ?? 0) + 1);
  }
  let selected = '';
  let most = 0;
  for (const [name, count] of votes) {
    if (count > most) {
      selected = name;
      most = count;
    }
  }
  return selected;
}

/**
 * Whether a member with this protocol type and these protocols may join. An empty group takes
 * any non-empty type and protocol list; otherwise the type must equal the group's and at least one
 * of the member's protocols must be supported by every current member. (Kafka answers
 * INCONSISTENT_GROUP_PROTOCOL when this is false.)
 */
export function supportsProtocols(
  group: { readonly isEmpty: boolean; readonly protocolType: string | null; readonly members: readonly ProtocolPreferences[] },
  protocolType: string,
  protocolNames: readonly string[],
): boolean {
  if (group.isEmpty) return protocolType.length > 0 && protocolNames.length > 0;
  if (group.protocolType !== protocolType) return false;
  const candidates = group.members.length === 0 ? null : candidateProtocols(group.members);
  return protocolNames.some((name) => candidates === null || candidates.has(name));
}
