// `npm run bench`: sandbox, gateway (as `npm start` runs it), direct client and load generator as four processes; the issue's table.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { type Ask, BENCHMARK_OPERATIONS, type BenchmarkOperation } from '../test/support/benchmark-operations.js';
import { freePort } from '../scripts/free-port.js';
import { firstMessage, forkEntry, memoryOf, ROOT, servingNodeProcess, spawnGuarded, stopChildren } from './children.js';
import type { DirectAddress } from './direct/server.js';
import { measureLambda } from './lambda.js';
import { LoadGenerator, measure, quiet, type Target } from './measure.js';
import { textReport } from './report.js';
import { type BenchResults, type Cell, loadNow, machine, type OperationResult, RESULTS_FILE, writeResults } from './results.js';
import { SandboxControl } from './sandbox-control.js';
import type { SandboxAddress } from './sandbox-process.js';

// --- settings ----------------------------------------------------------------------------------------------------

function numbers(name: string, fallback: number[]): number[] {
  const value = process.env[name];
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = value.split(',').map((part) => Number(part.trim()));
  if (parsed.some((n) => !Number.isFinite(n) || n < 0)) throw new Error(`${name} must be numbers separated by commas, such as ${fallback.join(',')}`);
  return parsed;
}

const SECONDS = numbers('BENCH_SECONDS', [3])[0]!;
const CONCURRENCY = numbers('BENCH_CONCURRENCY', [1, 16, 64]);
const LATENCIES = numbers('BENCH_LATENCIES', [0, 25]);
const LAMBDA_RUNS = numbers('BENCH_LAMBDA_RUNS', [10])[0]!;
/** An unmeasured run before each measured one, at the same concurrency and latency: warm connections, settled JIT. */
const WARM_SECONDS = Math.min(1, SECONDS / 3);
const wanted = process.env.BENCH_OPERATIONS?.split(',').map((name) => name.trim()) ?? [];
const unknown = wanted.filter((name) => !BENCHMARK_OPERATIONS.some((op) => op.name === name));
if (unknown.length > 0)
  throw new Error(`BENCH_OPERATIONS: no operation ${unknown.join(', ')}; they are ${BENCHMARK_OPERATIONS.map((op) => op.name).join(', ')}`);
const OPERATIONS = wanted.length === 0 ? BENCHMARK_OPERATIONS : BENCHMARK_OPERATIONS.filter((op) => wanted.includes(op.name));

const began = Date.now();
const loadAtStart = loadNow();
const log = (line: string) => console.error(`[${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s] ${line}`);

// --- the processes -----------------------------------------------------------------------------------------------

log('starting the sandbox');
const sandboxProcess = forkEntry('bench/sandbox-process.ts');
const sandbox = await firstMessage<SandboxAddress>(sandboxProcess, 'the sandbox');
const control = new SandboxControl(sandbox.origins);

/** The gateway's key: LIVE mode (providers configured) needs one; `trace` lets it ask for traces. */
const key = randomBytes(16).toString('hex');
const authorization = `Bearer ${key}`;
const gatewayEnv: Record<string, string> = {
  ...sandbox.env,
  PORT: String(await freePort()),
  TEAMGRAPH_SANDBOX: 'off',
  TEAMGRAPH_API_KEYS: `bench:${key}:read+write+trace`,
  // The request path is measured, not a cache: every request makes its calls, as the direct client's do. Quotas off
  // too (GitBook's documented 60 a minute would throttle the first second). Either can be set in the shell to measure it.
  TEAMGRAPH_CACHE_TTL: process.env.TEAMGRAPH_CACHE_TTL ?? '0',
  TEAMGRAPH_RATE_BUDGETS: process.env.TEAMGRAPH_RATE_BUDGETS ?? 'off',
  // The bench's own tsx loader must not reach the gateway: it runs what `npm start` runs, nothing more.
  NODE_OPTIONS: '',
};
const startScript = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const gatewayStart = [startScript.prestart && `prestart: ${startScript.prestart}`, `start: ${startScript.start}`].filter(Boolean).join('; ');
log(`starting the gateway: npm start (${gatewayStart})`);
const gatewayGuard = spawnGuarded('npm', ['start'], gatewayEnv);
const gatewayUrl = `http://127.0.0.1:${gatewayEnv.PORT}/graphql`;
const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization };

log('starting the direct client and the load generator');
const directProcess = forkEntry('bench/direct/server.ts', sandbox.env);
const loadProcess = forkEntry('bench/load-process.ts');
const [direct] = await Promise.all([firstMessage<DirectAddress>(directProcess, 'the direct client'), firstMessage(loadProcess, 'the load generator')]);
const load = new LoadGenerator(loadProcess);

async function post(url: string, body: unknown, extra: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { ...headers, ...extra }, body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as { data?: Record<string, unknown>; errors?: unknown[]; extensions?: Record<string, unknown> };
}

/** Start-up (a prestart build included) until the gateway answers. */
async function gatewayReady(): Promise<void> {
  const until = Date.now() + 180_000;
  for (;;) {
    if (gatewayGuard.exitCode !== null) throw new Error('npm start exited before the gateway answered (its errors are above)');
    try {
      const answer = await post(gatewayUrl, { query: '{ __typename }' });
      if (answer.data?.__typename === 'Query') return;
    } catch (error) {
      if (Date.now() > until) throw new Error(`the gateway did not answer in 180 s: ${error instanceof Error ? error.message : error}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
await gatewayReady();
const gatewayPid = servingNodeProcess(gatewayGuard.pid!);
const gatewayTarget: Target = { url: gatewayUrl, headers, pid: gatewayPid };
const directTarget = (name: string): Target => ({ url: `${direct.origin}/${name}`, headers, pid: direct.pid });

const ask: Ask = async <T>(query: string, variables?: Record<string, unknown>) => {
  const answer = await post(gatewayUrl, { query, variables });
  if (answer.errors || !answer.data) throw new Error(`the gateway answered errors: ${JSON.stringify(answer.errors).slice(0, 500)}`);
  return answer.data as T;
};

// The Lambda's event: the team page, with ids found now, while the gateway surely answers.
const teamPage = BENCHMARK_OPERATIONS.find((op) => op.name === 'teamPage')!;
const lambdaBody = JSON.stringify({ query: teamPage.query, variables: await teamPage.variables(ask) });

// The idle figure: started, one request answered (the Checkmarx token fetched), no load yet.
await ask('{ providers { id } }');
await quiet(gatewayPid);
const idleKiB = memoryOf(gatewayPid).rssKiB;
log(`gateway pid ${gatewayPid} answers; ${(idleKiB / 1024).toFixed(0)} MiB resident idle`);

/** Where two answers part, with some context: enough to see which field. */
function firstDifference(gateway: string, direct: string): string {
  let at = 0;
  while (at < gateway.length && gateway[at] === direct[at]) at += 1;
  const around = (text: string) => text.slice(Math.max(0, at - 120), at + 120);
  return `at character ${at}:\n  gateway ${around(gateway)}\n  direct  ${around(direct)}`;
}

// --- per operation -----------------------------------------------------------------------------------------------

interface Trace {
  calls: number;
  levels?: number;
  byProvider: Record<string, number>;
}

/** Measures one operation into `operations`, cell by cell, so a run that stops half way keeps what it measured. */
async function measureOperation(op: BenchmarkOperation): Promise<void> {
  const variables = await op.variables(ask);
  const minimum = await op.minimum(ask, variables);
  const body = JSON.stringify({ query: op.query, variables });

  // Calls and levels from one traced request, at the largest latency measured, where levels stand out from noise.
  await control.setLatency(Math.max(...LATENCIES));
  const traced = await post(gatewayUrl, { query: op.query, variables }, { 'x-teamgraph-trace': '1' });
  const trace = traced.extensions?.upstream as Trace | undefined;
  if (traced.errors || !trace) throw new Error(`${op.name}: the traced request answered ${JSON.stringify(traced).slice(0, 500)}`);
  const gatewayAnswer = await post(gatewayUrl, { query: op.query, variables });
  await control.clearLogs();
  const directAnswer = await post(directTarget(op.name).url, { query: op.query, variables });
  const directCalls = (await control.calls()).length;
  const sameData = isDeepStrictEqual(directAnswer.data, gatewayAnswer.data) && gatewayAnswer.errors === undefined;
  log(`${op.name}: gateway ${trace.calls} calls in ${trace.levels ?? '?'} levels, direct ${directCalls}, minimum ${minimum.calls} in ${minimum.levels}`);
  if (!sameData) log(`${op.name}: THE DATA DIFFERS, ${firstDifference(JSON.stringify(gatewayAnswer), JSON.stringify(directAnswer))}`);

  const result: OperationResult = {
    name: op.name,
    query: op.query,
    reasoning: op.reasoning,
    minimum,
    gateway: { calls: trace.calls, levels: trace.levels ?? null, byProvider: trace.byProvider },
    direct: { calls: directCalls },
    sameData,
    cells: [],
  };
  operations.push(result);
  for (const latencyMs of LATENCIES) {
    await control.setLatency(latencyMs);
    for (const concurrency of CONCURRENCY) {
      // Alternate which side goes first, so neither always runs on the machine the other just warmed (or heated).
      cellCount += 1;
      const first = cellCount % 2 === 1 ? 'gateway' : 'direct';
      currentCell = `${op.name} ${latencyMs} ms c=${concurrency}`;
      const options = { connections: concurrency, seconds: SECONDS, warmSeconds: WARM_SECONDS, watchPid: gatewayPid };
      const sides: Partial<Record<'gateway' | 'direct', Awaited<ReturnType<typeof measure>>>> = {};
      for (const which of first === 'gateway' ? (['gateway', 'direct'] as const) : (['direct', 'gateway'] as const)) {
        sides[which] = await measure(load, which === 'gateway' ? gatewayTarget : directTarget(op.name), body, options);
        await control.clearLogs();
      }
      const cell: Cell = {
        latencyMs,
        concurrency,
        first,
        gateway: sides.gateway!.figures,
        direct: sides.direct!.figures,
        gatewayRssKiB: memoryOf(gatewayPid).rssKiB,
        gatewayRssPeakKiB: sides.gateway!.watchedPeakKiB,
      };
      result.cells.push(cell);
      highWaterKiB = Math.max(highWaterKiB, memoryOf(gatewayPid).peakKiB);
      const failed = cell.gateway.failed + cell.direct.failed;
      log(
        `${op.name} ${latencyMs} ms c=${concurrency}: p50 ${cell.gateway.p50Ms} / ${cell.direct.p50Ms} ms, ${cell.gateway.requestsPerSecond} / ${cell.direct.requestsPerSecond} req/s, CPU ${cell.gateway.cpuMsPerRequest} / ${cell.direct.cpuMsPerRequest} ms${failed ? `, FAILED ${cell.gateway.failed} / ${cell.direct.failed}` : ''}`,
      );
      for (const [which, figures] of [['gateway', cell.gateway] as const, ['direct', cell.direct] as const]) {
        if (figures.failure) log(`  ${which}'s first failed answer: ${figures.failure}`);
      }
    }
  }
  await control.setLatency(0);
}

let cellCount = 0;
/** The gateway's VmHWM, read after each cell (it is gone with the process if that exits). */
let highWaterKiB = 0;
let currentCell = 'the first cell';
const operations: OperationResult[] = [];
/** Why the run stopped before its last cell, if it did (the gateway exited, say): the figures so far are kept. */
let aborted: string | null = null;
for (const op of OPERATIONS) {
  try {
    await measureOperation(op);
  } catch (error) {
    const gone = gatewayGuard.exitCode !== null || memoryOf(gatewayPid).rssKiB === 0;
    aborted = gone ? `the gateway exited during ${currentCell}` : `${currentCell}: ${error instanceof Error ? error.message : String(error)}`;
    log(`STOPPED: ${aborted}`);
    break;
  }
}

const peaks = operations.flatMap((op) => op.cells.filter((c) => c.concurrency === 64).map((c) => c.gatewayRssPeakKiB));
const gatewayMemory = {
  idleKiB,
  peakAt64KiB: peaks.length > 0 ? Math.max(...peaks) : null,
  highWaterKiB: Math.max(highWaterKiB, memoryOf(gatewayPid).peakKiB),
};

// The load is over: stop those processes, so the Lambda starts below have the machine (and the sandbox) to themselves.
gatewayGuard.kill('SIGTERM');
directProcess.kill('SIGTERM');
loadProcess.kill('SIGTERM');

let lambda: BenchResults['lambda'] = null;
if (LAMBDA_RUNS > 0) {
  log(`Lambda: bundling, then ${LAMBDA_RUNS} cold starts`);
  const { NODE_OPTIONS: _options, PORT: _port, ...lambdaEnv } = gatewayEnv;
  // The request log line would share standard output with the figures the cold-start process prints (as in lambda:cold-start).
  lambda = await measureLambda({ env: { ...lambdaEnv, TEAMGRAPH_LOG_LEVEL: 'warn' }, authorization, body: lambdaBody, runs: LAMBDA_RUNS });
  log(`Lambda: ${lambda.coldMs.toFixed(0)} ms cold, ${lambda.warmMs.toFixed(0)} ms warm (medians)`);
}

const results: BenchResults = {
  machine: machine(loadAtStart),
  settings: { seconds: SECONDS, latenciesMs: LATENCIES, concurrency: CONCURRENCY, operations: OPERATIONS.map((op) => op.name), lambdaRuns: LAMBDA_RUNS },
  gatewayStart,
  gatewaySettings: { TEAMGRAPH_CACHE_TTL: gatewayEnv.TEAMGRAPH_CACHE_TTL!, TEAMGRAPH_RATE_BUDGETS: gatewayEnv.TEAMGRAPH_RATE_BUDGETS! },
  gatewayMemory,
  sandboxSeedMs: sandbox.seedMs,
  operations,
  lambda,
  durationSeconds: Math.round((Date.now() - began) / 1000),
  aborted,
};
writeResults(results);
stopChildren();
console.log(textReport(results));
console.log(`\nWritten to ${path.relative(ROOT, RESULTS_FILE)}; \`npm run bench:readme\` puts it in README.md.`);
process.exit(aborted ? 1 : 0);
