// The benchmark's result file (bench/results/latest.json): its shape, the machine it ran on, reading and writing it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { ROOT } from './children.js';
import type { LambdaFigures } from './lambda.js';

export const RESULTS_FILE = path.join(ROOT, 'bench/results/latest.json');

/** One side of a cell: what the load generator saw and what the process spent. */
export interface SideFigures {
  /** Null where no request was answered (every one failed). */
  p50Ms: number | null;
  p99Ms: number | null;
  meanMs: number | null;
  requestsPerSecond: number;
  /** User plus system CPU of the serving process over the cell (in-flight requests finished), per request sent. */
  cpuMsPerRequest: number;
  ok: number;
  failed: number;
  /** The first answer with errors, cut short, where one failed. */
  failure?: string;
}

export interface Cell {
  latencyMs: number;
  concurrency: number;
  /** Which side ran first in this cell (they alternate from cell to cell). */
  first: 'gateway' | 'direct';
  gateway: SideFigures;
  direct: SideFigures;
  /** Gateway resident memory at the cell's end, and its highest sample during the cell, in KiB. */
  gatewayRssKiB: number;
  gatewayRssPeakKiB: number;
}

export interface OperationResult {
  name: string;
  query: string;
  reasoning: string;
  minimum: { calls: number; levels: number; byProvider: Record<string, number> };
  /** From one traced request (`x-teamgraph-trace: 1`) with the largest latency measured. */
  gateway: { calls: number; levels: number | null; byProvider: Record<string, number> };
  /** From the simulators' logs for one request. */
  direct: { calls: number };
  /** The direct client's data equals the gateway's. */
  sameData: boolean;
  cells: Cell[];
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
  date: string;
  /**
   * The 1-minute load average when the run began and when it ended: on a machine shared with other work, the
   * figures measure that work too (2 cores and a load of 2 is a machine already full).
   */
  loadAverage: { start: number; end: number };
}

export interface BenchResults {
  machine: Machine;
  settings: { seconds: number; latenciesMs: number[]; concurrency: number[]; operations: string[]; lambdaRuns: number };
  /** What `npm start` runs, as package.json says at the time of the run. */
  gatewayStart: string;
  /** The gateway settings the bench chose (cache and quotas off unless the shell set them). */
  gatewaySettings: Record<string, string>;
  /** KiB: after start-up and one request, before any load; the highest sample during the c=64 cells; VmHWM at the end. */
  gatewayMemory: { idleKiB: number; peakAt64KiB: number | null; highWaterKiB: number };
  /** ms to seed and start the sandbox's five simulators (in their own process). */
  sandboxSeedMs: number;
  operations: OperationResult[];
  lambda: LambdaFigures | null;
  durationSeconds: number;
  /** Why the run stopped before its last cell, or null: the figures it has are those measured until then. */
  aborted: string | null;
}

/** The 1-minute load average now, to one decimal. */
export const loadNow = (): number => Math.round((loadavg()[0] ?? 0) * 10) / 10;

export function machine(loadAtStart: number): Machine {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown';
  return {
    cpu,
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
    loadAverage: { start: loadAtStart, end: loadNow() },
  };
}

export function writeResults(results: BenchResults): void {
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  // Formatted as Biome formats the repository's JSON (short arrays on one line), so `npm run lint` passes on it.
  spawnSync(path.join(ROOT, 'node_modules/.bin/biome'), ['format', '--write', RESULTS_FILE], { cwd: ROOT, stdio: 'ignore' });
}

export function readResults(): BenchResults {
  return JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as BenchResults;
}
