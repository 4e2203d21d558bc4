/** What B5's parent and its server children (the API, the bare apps) say to each other over IPC. */
export const BENCH_FINESS = '750712184';

/** One way to call a server: its port and the headers every request carries (credentials). */
export interface Target {
  port: number;
  headers: Record<string, string>;
}

export type ServerRequest = { type: 'settle' } | { type: 'memory' } | { type: 'stop' };

export type ServerMessage =
  /** The API: `bearer` and `cookie` (a logged-in person's session); the bare apps: one per piece count. */
  | { type: 'ready'; targets: Record<string, Target> }
  | { type: 'settled'; position: string }
  /**
   * `peakRssMB`, `cpuMs` (user + system, every thread of the process): since the previous
   * 'memory'; `maxRssMB`: since the process started.
   */
  | { type: 'memory'; peakRssMB: number; maxRssMB: number; cpuMs: number }
  | { type: 'failed'; message: string };
