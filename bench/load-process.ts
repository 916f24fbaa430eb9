// The load generator: autocannon in a process of its own, one run per message from the bench, every latency kept.
import autocannon from 'autocannon';
import { exitWithParent } from './children.js';

export interface LoadRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
}

export interface LoadResult {
  /** Responses with a 2xx status. */
  ok: number;
  /** Requests sent, answered or not (those in flight when the run ended included). */
  sent: number;
  /** Non-2xx answers, answers with GraphQL errors, connection errors and timeouts. */
  failed: number;
  seconds: number;
  /** Milliseconds, to the microsecond (autocannon's own histogram rounds to whole ms). */
  p50: number;
  p99: number;
  mean: number;
}

function percentile(sorted: Float64Array, share: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
}

async function run(request: LoadRequest): Promise<LoadResult> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: request.url,
        method: 'POST',
        headers: request.headers,
        body: request.body,
        connections: request.connections,
        duration: request.seconds,
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
  });
  const sorted = Float64Array.from(latencies).sort();
  const mean = latencies.reduce((sum, value) => sum + value, 0) / Math.max(1, latencies.length);
  return {
    ok: latencies.length,
    sent: result.requests.sent,
    failed: result.non2xx + result.errors + result.timeouts + result.mismatches,
    seconds: result.duration,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    mean,
  };
}

exitWithParent(() => undefined);
process.on('message', (message) => {
  run(message as LoadRequest).then(
    (result) => process.send?.({ result }),
    (error: unknown) => process.send?.({ error: error instanceof Error ? error.message : String(error) }),
  );
});
process.send?.({ ready: true });
