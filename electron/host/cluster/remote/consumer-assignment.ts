/**
 * A consumer group member's assignment, decoded from the consumer protocol's bytes that
 * DescribeGroups carries (ConsumerProtocolAssignment: version, then [topic, [partition]], then
 * user data; every version starts the same). Empty for bytes that are not that (another protocol
 * type, a member not assigned yet).
 */
export function consumerAssignment(bytes: Buffer | null | undefined): { topic: string; partitions: number[] }[] {
  if (!bytes || bytes.length < 6) return [];
  try {
    let at = 2; // version
    const topicCount = bytes.readInt32BE(at);
    at += 4;
    if (topicCount < 0 || topicCount > bytes.length) return [];
    const assignment: { topic: string; partitions: number[] }[] = [];
    for (let i = 0; i < topicCount; i++) {
      const nameLength = bytes.readInt16BE(at);
      at += 2;
      if (nameLength < 0 || at + nameLength > bytes.length) return [];
      const topic = bytes.toString('utf8', at, at + nameLength);
      at += nameLength;
      const partitionCount = bytes.readInt32BE(at);
      at += 4;
      if (partitionCount < 0 || at + partitionCount * 4 > bytes.length) return [];
      const partitions: number[] = [];
      for (let j = 0; j < partitionCount; j++, at += 4) partitions.push(bytes.readInt32BE(at));
      assignment.push({ topic, partitions: partitions.sort((a, b) => a - b) });
    }
    return assignment.sort((a, b) => a.topic.localeCompare(b.topic));
  } catch {
    return [];
  }
}
