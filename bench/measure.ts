// One side of one cell: load from the load-generator process, CPU from /proc of the serving process, memory sampled meanwhile.
import type { ChildProcess } from 'node:child_process';
import { cpuMs, memoryOf } from './children.js';
import type { LoadRequest, LoadResult } from './load-process.js';
import type { SideFigures } from './results.js';

/** The load generator, one run at a time over its IPC channel. */
export class LoadGenerator {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly child: ChildProcess) {}

  run(request: LoadRequest): Promise<LoadResult> {
    const next = this.queue.then(
      () =>
        new Promise<LoadResult>((resolve, reject) => {
          const onExit = () => reject(new Error('the load generator exited'));
          this.child.once('exit', onExit);
          this.child.once('message', (message: { result?: LoadResult; error?: string }) => {
            this.child.off('exit', onExit);
            if (message.result) resolve(message.result);
            else reject(new Error(`load generator: ${message.error}`));
          });
          this.child.send(request);
        }),
    );
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** A server under test: where the load goes and the process that serves it. */
export interface Target {
  url: string;
  headers: Record<string, string>;
  pid: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the process has used no CPU for 200 ms (two readings a tick apart), so requests the load generator
 * abandoned at a run's end are finished, and counted, before the next reading. At most 10 s.
 */
export async function quiet(pid: number): Promise<void> {
  const until = Date.now() + 10_000;
  let before = cpuMs(pid);
  while (Date.now() < until) {
    await sleep(200);
    const now = cpuMs(pid);
    if (now === before) return;
    before = now;
  }
}

/** Samples a process's resident memory every 100 ms until stopped; the highest, in KiB. */
function sampleMemory(pid: number): () => number {
  let highest = memoryOf(pid).rssKiB;
  const timer = setInterval(() => {
    highest = Math.max(highest, memoryOf(pid).rssKiB);
  }, 100);
  return () => {
    clearInterval(timer);
    return Math.max(highest, memoryOf(pid).rssKiB);
  };
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
/** A latency, or null where the run had no answer to take it from (NaN does not survive JSON: it arrives as null). */
const latency = (value: number | null) => (value === null || !Number.isFinite(value) ? null : round(value, 2));

/** A short unmeasured run at the cell's concurrency, then the measured one. */
export async function measure(
  load: LoadGenerator,
  target: Target,
  body: string,
  options: { connections: number; seconds: number; warmSeconds: number; watchPid: number },
): Promise<{ figures: SideFigures; watchedPeakKiB: number }> {
  const request = { url: target.url, headers: target.headers, body, connections: options.connections };
  if (options.warmSeconds > 0) await load.run({ ...request, seconds: options.warmSeconds, minimumAnswers: 0 });
  await quiet(target.pid);
  const stopSampling = sampleMemory(options.watchPid);
  const before = cpuMs(target.pid);
  // Two answers per connection at the least: a percentile of a handful of answers says little.
  const result = await load.run({ ...request, seconds: options.seconds, minimumAnswers: 2 * options.connections });
  await quiet(target.pid);
  const spent = cpuMs(target.pid) - before;
  const watchedPeakKiB = stopSampling();
  return {
    figures: {
      p50Ms: latency(result.p50),
      p99Ms: latency(result.p99),
      meanMs: result.ok > 0 ? latency(result.mean) : null,
      requestsPerSecond: round(result.ok / result.seconds, 1),
      cpuMsPerRequest: round(spent / Math.max(1, result.sent), 3),
      ok: result.ok,
      failed: result.failed,
      ...(result.failure ? { failure: result.failure } : {}),
    },
    watchedPeakKiB,
  };
}
