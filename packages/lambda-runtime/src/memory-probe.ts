// Resident memory of a process from /proc (Linux): current and peak RSS in MB, null when unreadable.
import { readFileSync } from 'node:fs';

function field(status: string, name: string): number | null {
  const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  return m ? Number(m[1]) / 1024 : null;
}

export interface MemorySample {
  rssMb: number;
  peakRssMb: number;
}

export function sampleMemory(pid: number): MemorySample | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const rss = field(status, 'VmRSS');
  const peak = field(status, 'VmHWM');
  if (rss === null || peak === null) return null;
  return { rssMb: rss, peakRssMb: peak };
}
