/** The machine a benchmark ran on, with its load: figures from a shared machine mean little without it. */
import os from 'node:os';
import type { Machine } from './report.js';

/** This machine now, with the load average `loadAtStart` read as the measurement began. */
export function thisMachine(loadAtStart: readonly number[]): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryBytes: os.totalmem(),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverage: { start: loadAtStart, end: os.loadavg() },
  };
}
