/**
 * CPU time per process group over a phase of a benchmark, from Linux's /proc (user + system, in
 * clock ticks of 10 ms). The database's share is read only when its server runs on this machine:
 * every live `postgres` process plus what the postmaster has collected from backends that exited.
 * Elsewhere (another OS, a remote database) the figures are null and the bench prints none.
 */
import fs from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

type Stat = { comm: string; ppid: number; self: number; children: number };

function stat(pid: number | 'self'): Stat | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const f = text.slice(close + 2).split(' '); // f[0] is field 3 (state)
    return { comm, ppid: Number(f[1]), self: Number(f[11]) + Number(f[12]), children: Number(f[13]) + Number(f[14]) };
  } catch {
    return null;
  }
}

function databaseTicks(): number | null {
  let dirs: string[];
  try {
    dirs = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  const procs = new Map<number, Stat>();
  for (const d of dirs) {
    const s = stat(Number(d));
    if (s && s.comm.startsWith('postgres')) procs.set(Number(d), s);
  }
  if (procs.size === 0) return null;
  let ticks = 0;
  for (const s of procs.values()) {
    ticks += s.self;
    if (!procs.has(s.ppid)) ticks += s.children; // the postmaster: backends that have exited
  }
  return ticks;
}

export type CpuSample = { database: number | null; processes: Record<string, number | null> };

/** `processes`: name → pid; 'self' and 'children' name this process and its reaped children. */
export function sampleCpu(processes: Record<string, number | 'self' | 'children'>): CpuSample {
  const out: Record<string, number | null> = {};
  for (const [name, pid] of Object.entries(processes)) {
    const s = stat(pid === 'children' ? 'self' : pid);
    out[name] = s ? (pid === 'children' ? s.children : s.self) : null;
  }
  return { database: databaseTicks(), processes: out };
}

/** Milliseconds of CPU per unit of work (e.g. per submission) between two samples. */
export function cpuPerUnit(a: CpuSample, b: CpuSample, units: number): { database: number | null; processes: Record<string, number | null> } {
  const per = (x: number | null, y: number | null | undefined) => (x === null || y === null || y === undefined || units === 0 ? null : ((y - x) * TICK_MS) / units);
  const processes: Record<string, number | null> = {};
  for (const name of Object.keys(a.processes)) processes[name] = per(a.processes[name]!, b.processes[name]);
  return { database: per(a.database, b.database), processes };
}
