/**
 * Where the CPU went during a measurement: the broker process's CPU time (every thread: event loop,
 * thread pool, GC helpers, and the kernel work done on its behalf) and the load generator's (this
 * process), each as a share of one core over the wall time. On a 2-core machine a pair near
 * 100% + 100% means the two sides were fighting over the cores; a broker well below 100% was
 * waiting (on its client, the disk or the network). Linux only (/proc); null elsewhere.
 */
import { readFileSync } from 'node:fs';

export interface CpuShare {
  /** Percent of one core. */
  broker: number;
  client: number;
}

/** User + system CPU seconds of process `pid` so far, or null where /proc is not there. */
function processCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at ") ": utime and stime are the 14th and 15th fields.
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    const ticksPerSecond = 100; // USER_HZ, 100 on every Linux architecture Node runs on
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return null;
  }
}

/** Runs `body` and reports the CPU the broker (`pid`) and this process used meanwhile. */
export async function withCpuShare<T>(pid: number, body: () => Promise<T>): Promise<{ result: T; cpu: CpuShare | null }> {
  const brokerBefore = processCpuSeconds(pid);
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  const result = await body();
  const seconds = (performance.now() - started) / 1000;
  const brokerAfter = processCpuSeconds(pid);
  const client = process.cpuUsage(clientBefore);
  if (brokerBefore === null || brokerAfter === null || seconds <= 0) return { result, cpu: null };
  return { result, cpu: { broker: (100 * (brokerAfter - brokerBefore)) / seconds, client: (100 * (client.user + client.system)) / 1e6 / seconds } };
}
