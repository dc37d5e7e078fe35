/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, a .cpuprofile file) of our broker: where its
 * busy time went, by function (file:function) — self time, and total time (self plus callees)
 * for the broker's own functions — as percentages of the samples that were not idle.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const name = functionName || '(anonymous)';
  if (!url) return name;
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const short = path.startsWith(repoRoot) ? path.slice(repoRoot.length) : path.replace(/^.*\/node_modules\//, '');
  return `${short}:${name}${functionName ? '' : `@${lineNumber + 1}`}`;
}

export interface ProfileSummary {
  busyMs: number;
  totalMs: number;
  self: Array<{ name: string; percent: number }>;
  inclusive: Array<{ name: string; percent: number }>;
}

/** Summarises one or more profiles of the same program together. */
export function summariseProfiles(files: readonly string[], top = 12): ProfileSummary {
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busy = 0;
  let total = 0;
  for (const file of files) {
    const counted = addProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, self, inclusive);
    busy += counted.busy;
    total += counted.total;
  }
  const ranked = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, percent: (100 * ms) / busy }));
  return { busyMs: busy, totalMs: total, self: ranked(self), inclusive: ranked(inclusive) };
}

function addProfile(profile: CpuProfile, self: Map<string, number>, inclusive: Map<string, number>): { busy: number; total: number } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  let busy = 0;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const weight = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    total += weight;
    const node = byId.get(profile.samples[i]);
    if (!node || node.callFrame.functionName === '(idle)') continue;
    busy += weight;
    let name = label(node);
    if (!node.callFrame.url) {
      // A native or V8 frame (writeBuffer, read, …): name it after its nearest JavaScript caller.
      let caller = parent.get(node.id);
      while (caller !== undefined && !byId.get(caller)!.callFrame.url) caller = parent.get(caller);
      if (caller !== undefined) name = `${name} ← ${label(byId.get(caller)!)}`;
    }
    self.set(name, (self.get(name) ?? 0) + weight);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const ancestor = byId.get(id)!;
      if (!ancestor.callFrame.url.includes('/broker-core/')) continue;
      const key = label(ancestor);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + weight);
    }
  }
  return { busy, total };
}

export function renderProfile(title: string, summary: ProfileSummary): string {
  const lines = [
    `${title}: busy ${(summary.busyMs / 1000).toFixed(1)} s of ${(summary.totalMs / 1000).toFixed(1)} s profiled; % of busy time`,
    '  self time:',
    ...summary.self.map(({ name, percent }) => `    ${percent.toFixed(1).padStart(5)}%  ${name}`),
    '  total time (self + callees), broker-core functions:',
    ...summary.inclusive.map(({ name, percent }) => `    ${percent.toFixed(1).padStart(5)}%  ${name}`),
  ];
  return lines.join('\n');
}
