import { cpus, freemem, loadavg, totalmem } from 'node:os';

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryMB: number;
  freeMemoryMB: number;
  node: string;
  platform: string;
}

/** What the figures were measured on: they mean little without it. */
export function machine(): Machine {
  const processors = cpus();
  return {
    cores: processors.length,
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    memoryMB: Math.round(totalmem() / 2 ** 20),
    freeMemoryMB: Math.round(freemem() / 2 ** 20),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** The 1, 5 and 15-minute load averages, rounded: another process's load moves every figure here. */
export const loadAverage = (): [number, number, number] =>
  loadavg().map((value) => Math.round(value * 100) / 100) as [number, number, number];

/** Peak resident set of this process so far, in MB (`maxRSS` is in kilobytes). */
export const peakRssMB = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
