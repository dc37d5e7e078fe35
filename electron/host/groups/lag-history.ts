/**
 * LagHistory: each group's total lag over the last LAG_HISTORY_SAMPLES samples (one a second:
 * ten minutes), in a fixed-size ring per group, so memory stays bounded however long the app
 * runs. A group's ring is dropped when the group is deleted (or no longer listed). Samples come
 * one a second from the embedded broker; a polled cluster is sampled less often, so its rings span
 * longer.
 */
import { LAG_HISTORY_SAMPLES, type LagSample } from '../../contract';

class LagRing {
  private readonly at = new Float64Array(LAG_HISTORY_SAMPLES);
  private readonly lag = new Float64Array(LAG_HISTORY_SAMPLES);
  private next = 0;
  private size = 0;

  push(sample: LagSample): void {
    this.at[this.next] = sample.at;
    this.lag[this.next] = sample.lag;
    this.next = (this.next + 1) % LAG_HISTORY_SAMPLES;
    this.size = Math.min(LAG_HISTORY_SAMPLES, this.size + 1);
  }

  samples(): LagSample[] {
    const start = (this.next - this.size + LAG_HISTORY_SAMPLES) % LAG_HISTORY_SAMPLES;
    return Array.from({ length: this.size }, (_, i) => {
      const index = (start + i) % LAG_HISTORY_SAMPLES;
      return { at: this.at[index], lag: this.lag[index] };
    });
  }
}

export class LagHistory {
  private readonly rings = new Map<string, LagRing>();

  record(groupId: string, sample: LagSample): void {
    let ring = this.rings.get(groupId);
    if (!ring) this.rings.set(groupId, (ring = new LagRing()));
    ring.push(sample);
  }

  samples(groupId: string): LagSample[] {
    return this.rings.get(groupId)?.samples() ?? [];
  }

  forget(groupId: string): void {
    this.rings.delete(groupId);
  }

  /** Drops the rings of every group not in `groupIds` (those the cluster no longer lists). */
  retain(groupIds: ReadonlySet<string>): void {
    for (const groupId of this.rings.keys()) if (!groupIds.has(groupId)) this.rings.delete(groupId);
  }

  clear(): void {
    this.rings.clear();
  }
}
