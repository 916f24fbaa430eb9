// `npm run scale-sim -- --instances N --seconds S`: N gateways over one rate-limited sandbox, in-memory store then Redis, per-provider outcomes.
import { parseArgs } from 'node:util';
import { PROVIDERS } from '../src/providers/catalog.js';
import { percentile, runLoad, type LoadResult } from './scale-sim-load.js';
import { startGateway, startRedis, startSimulatedProviders, stopAll, type GatewayProcess } from './scale-sim-processes.js';

const { values } = parseArgs({
  options: {
    instances: { type: 'string', default: '4' },
    seconds: { type: 'string', default: '20' },
    clients: { type: 'string', default: '16' },
    fresh: { type: 'string', default: '0.25' },
    'time-scale': { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
  },
});

function number(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max) {
    console.error(`scale-sim: --${name} must be a number from ${min} to ${max}; got ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return value;
}

const instanceCounts = (values.instances ?? '4').split(',').map((n) => number('instances', n.trim(), 1, 32));
const seconds = number('seconds', values.seconds ?? '20', 1, 600);
const clients = number('clients', values.clients ?? '16', 1, 256);
const freshShare = number('fresh', values.fresh ?? '0.25', 0, 1);
const timeScale = number('time-scale', values['time-scale'] ?? '20', 1, 3600);
const warmupSeconds = number('warmup', values.warmup ?? '5', 0, 120);

/** The documented quotas the sandbox enforces, compressed like its clock: what the gateways are told to spend. */
const LIMITS: Record<string, { quota: number; windowMs: number; simulator: string; lockouts: boolean }> = Object.fromEntries(
  PROVIDERS.flatMap(({ id, documentedQuota, sandbox }) =>
    documentedQuota
      ? [[id, { quota: documentedQuota.quota, windowMs: documentedQuota.windowMs / timeScale, simulator: sandbox.simulator, lockouts: documentedQuota.locksOut }]]
      : [],
  ),
);
const SIMULATORS: Record<string, string> = Object.fromEntries(PROVIDERS.map(({ id, sandbox }) => [id, sandbox.simulator]));
const API_KEY = 'scale-sim-key-0001';

interface Logged {
  status: number;
}

interface RunRow {
  store: string;
  instances: number;
  /** Times a gateway lost Redis during the measured run (and spent its own budget meanwhile). */
  storeLosses: number;
  load: LoadResult;
  logs: Record<string, Logged[]>;
}

/** Lockout episodes: a 429 right after an answered call starts one (the lockout refuses everything until it ends). */
function lockouts(entries: readonly Logged[]): number {
  let episodes = 0;
  let locked = false;
  for (const entry of entries) {
    if (entry.status === 429 && !locked) episodes += 1;
    locked = entry.status === 429;
  }
  return episodes;
}

async function simulatorLogs(origins: Record<string, string>): Promise<Record<string, Logged[]>> {
  const logs: Record<string, Logged[]> = {};
  for (const [provider, simulator] of Object.entries(SIMULATORS)) {
    const response = await fetch(`${origins[simulator]}/__sandbox/log`);
    logs[provider] = (await response.json()) as Logged[];
  }
  return logs;
}

async function run(store: 'memory' | 'redis', instances: number, providers: Awaited<ReturnType<typeof startSimulatedProviders>>): Promise<RunRow> {
  const redis = store === 'redis' ? await startRedis() : null;
  const env: Record<string, string> = {
    ...providers.env,
    TEAMGRAPH_API_KEYS: `scale-sim:${API_KEY}:read+trace`,
    // Warnings: a gateway that loses the shared store says so (counted below).
    TEAMGRAPH_LOG_LEVEL: 'warn',
    TEAMGRAPH_CACHE_TTL: `${Math.round(30_000 / timeScale)}ms`,
    TEAMGRAPH_RATE_BUDGETS: Object.entries(LIMITS)
      .map(([id, limit]) => `${id}=${limit.quota}/${Math.round(limit.windowMs)}ms`)
      .join(';'),
    ...(redis ? { TEAMGRAPH_REDIS_URL: redis.url } : {}),
  };
  const gateways: GatewayProcess[] = [];
  // Two at a time: sixteen compiling at once on two cores only makes each slower.
  for (let i = 0; i < instances; i += 2) {
    gateways.push(...(await Promise.all(Array.from({ length: Math.min(2, instances - i) }, () => startGateway(env)))));
  }
  const loadFor = (durationMs: number) =>
    runLoad({ urls: gateways.map((g) => g.url), clients, freshShare, syncProviders: Object.keys(LIMITS), durationMs, apiKey: API_KEY });
  // Unmeasured first: fresh processes compile as they go. Then a fresh world, budget and log on every simulator.
  if (warmupSeconds > 0) await loadFor(warmupSeconds * 1000);
  await Promise.all(Object.values(providers.origins).map((origin) => fetch(`${origin}/__sandbox/reset`, { method: 'POST' })));
  // With Redis the shared budgets and blocks start fresh with the simulators' windows, as in a new deployment (the
  // warm-up's calls would otherwise hold back part of a window the simulator no longer counts); in-memory stores
  // cannot be reset from outside and keep them, which only makes those runs spend less.
  await redis?.flush();
  const losses = () => gateways.reduce((sum, gateway) => sum + gateway.storeLosses(), 0);
  const lostBefore = losses();
  const load = await loadFor(seconds * 1000);
  const logs = await simulatorLogs(providers.origins);
  const storeLosses = losses() - lostBefore;
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  await redis?.stop();
  return { store, instances, storeLosses, load, logs };
}

/** Requests and p50/p99: a budgeted provider's sync jobs, else the viewers' dashboards (marked *). */
function latencyCells(sorted: readonly number[], kind: 'sync' | 'viewers'): string[] {
  const mark = kind === 'viewers' ? '*' : '';
  return [`${sorted.length}${mark}`, `${Math.round(percentile(sorted, 50))}${mark}`, `${Math.round(percentile(sorted, 99))}${mark}`];
}

function table(rows: readonly RunRow[]): string {
  const lines = [
    '| store | gateways | provider | calls sent | 429s | lockouts | budget use | cache hits | RATE_LIMITED answers | requests | p50 ms | p99 ms |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    for (const provider of Object.keys(SIMULATORS)) {
      const logged = row.logs[provider] ?? [];
      const tally = row.load.perProvider[provider] ?? { cached: 0, sent: 0, rateLimited: 0 };
      const limit = LIMITS[provider];
      // The run lasts until the last request sent before the end is answered.
      const allowed = limit ? (limit.quota * row.load.elapsedMs) / limit.windowMs : null;
      const ratio = tally.cached + tally.sent === 0 ? 0 : tally.cached / (tally.cached + tally.sent);
      lines.push(
        [
          '',
          row.store,
          row.instances,
          provider,
          logged.length,
          logged.filter((entry) => entry.status === 429).length,
          limit?.lockouts ? lockouts(logged) : '-',
          allowed === null ? '-' : `${Math.round((100 * logged.filter((e) => e.status !== 429).length) / allowed)}%`,
          `${Math.round(ratio * 100)}%`,
          tally.rateLimited,
          ...latencyCells(row.load.latencies[provider] ?? row.load.latencies.viewers ?? [], row.load.latencies[provider] ? 'sync' : 'viewers'),
          '',
        ].join(' | ').trim(),
      );
    }
  }
  return lines.join('\n');
}

console.log(
  `scale-sim: ${instanceCounts.join(', ')} gateway(s), ${seconds} s each (${(seconds * timeScale) / 60} simulated minutes at ${timeScale}x), ` +
    `${clients} clients: ${Math.round(freshShare * 100)}% sync jobs reading Cloudflare's or GitBook's part afresh (cache-control: no-cache), the rest viewers loading the whole dashboard`,
);
const providers = await startSimulatedProviders(timeScale);
const rows: RunRow[] = [];
try {
  for (const instances of instanceCounts) {
    for (const store of ['memory', 'redis'] as const) {
      const row = await run(store, instances, providers);
      rows.push(row);
      const losses = store === 'redis' ? `, Redis lost ${row.storeLosses} time(s)` : '';
      console.log(`${store}, ${instances} gateway(s): ${row.load.requests} requests, ${row.load.failures} failed${losses}`);
    }
  }
  console.log(`\n${table(rows)}`);
  console.log(
    '\nbudget use: calls the simulator answered (not 429) over quota x run / window, the run lasting until the last answer ' +
      '(a sliding window lets the first window be spent at once, so a short run may show a little over 100% with no 429). ' +
      "requests, p50, p99: that provider's sync jobs; * the viewers' dashboards.",
  );
} finally {
  stopAll();
}
process.exit(0);
