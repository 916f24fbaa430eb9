// The load generator: autocannon in a process of its own, one run per message from the bench, every latency kept.
import type { EventEmitter } from 'node:events';
import autocannon from 'autocannon';
import { exitWithParent } from './children.js';

export interface LoadRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  /**
   * Answers the run must have: when `seconds` ended with fewer (a cell slower than its duration, such as the
   * dashboard at 64 concurrent requests on 2 cores), exactly enough more requests follow to reach it.
   */
  minimumAnswers: number;
}

export interface LoadResult {
  /** Responses with a 2xx status. */
  ok: number;
  /** Requests sent, answered or not (those in flight when the run ended included). */
  sent: number;
  /** Non-2xx answers, answers with GraphQL errors, connection errors and timeouts. */
  failed: number;
  seconds: number;
  /** The first answer with errors, cut short: what went wrong, for the report. */
  failure: string | null;
  /** Milliseconds, to the microsecond (autocannon's own histogram rounds to whole ms). */
  p50: number;
  p99: number;
  mean: number;
}

function percentile(sorted: Float64Array, share: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
}

/** One autocannon run, for `seconds` or for `amount` requests; every 2xx latency is added to `latencies`. */
function autocannonRun(
  request: LoadRequest,
  limit: { seconds: number } | { amount: number },
  latencies: number[],
  failures: string[],
): Promise<autocannon.Result> {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: request.url,
        method: 'POST',
        headers: request.headers,
        body: request.body,
        connections: request.connections,
        ...('seconds' in limit ? { duration: limit.seconds } : { amount: limit.amount }),
        // A slow cell (the dashboard at 64 concurrent requests) still counts its slow answers, never a timeout.
        timeout: 60,
        // A GraphQL error answers 200 too: an answer with errors is a failure, not a fast success.
        verifyBody: (body) => !String(body).includes('"errors"'),
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
    // autocannon emits it with the body verifyBody refused; @types/autocannon does not list the event.
    (instance as unknown as EventEmitter).on('reqMismatch', (body: unknown) => {
      if (failures.length === 0) failures.push(String(body).slice(0, 400));
    });
  });
}

async function run(request: LoadRequest): Promise<LoadResult> {
  const latencies: number[] = [];
  const failures: string[] = [];
  const timed = await autocannonRun(request, { seconds: request.seconds }, latencies, failures);
  let { sent } = timed.requests;
  let failed = timed.non2xx + timed.errors + timed.timeouts + timed.mismatches;
  let seconds = timed.duration;
  const missing = request.minimumAnswers - latencies.length;
  if (missing > 0) {
    const more = await autocannonRun(request, { amount: Math.max(missing, request.connections) }, latencies, failures);
    sent += more.requests.sent;
    failed += more.non2xx + more.errors + more.timeouts + more.mismatches;
    seconds += more.duration;
  }
  const sorted = Float64Array.from(latencies).sort();
  const mean = latencies.reduce((sum, value) => sum + value, 0) / Math.max(1, latencies.length);
  return { ok: latencies.length, sent, failed, failure: failures[0] ?? null, seconds, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), mean };
}

exitWithParent(() => undefined);
process.on('message', (message) => {
  run(message as LoadRequest).then(
    (result) => process.send?.({ result }),
    (error: unknown) => process.send?.({ error: error instanceof Error ? error.message : String(error) }),
  );
});
process.send?.({ ready: true });
