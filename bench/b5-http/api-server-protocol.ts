/** What B5's parent and its API child say to each other over IPC. */
export const BENCH_FINESS = '750712184';

export type ServerRequest = { type: 'settle' } | { type: 'memory' } | { type: 'stop' };

export type ServerMessage =
  | { type: 'ready'; port: number; token: string }
  | { type: 'settled'; position: string }
  /**
   * `peakRssMB`, `cpuMs` (user + system, every thread of the API process): since the previous
   * 'memory'; `maxRssMB`: since the process started.
   */
  | { type: 'memory'; peakRssMB: number; maxRssMB: number; cpuMs: number }
  | { type: 'failed'; message: string };
