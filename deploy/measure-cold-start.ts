// `npm run lambda:cold-start`: the graphql Lambda's cold and warm start, medians over fresh node processes that import the built graphql.mjs.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startSandbox } from '../src/sandbox/index.js';
import { sandboxProviderEnv } from '../src/server/sandbox-providers.js';

export interface ColdStartOptions {
  /** The bundle to import, as Lambda's node runtime would: an absolute path to graphql.mjs. */
  bundle: string;
  /** The function's environment (the gateway's settings); nothing else of this process's reaches it. */
  env: Record<string, string>;
  /** The Authorization header of every event. */
  authorization: string;
  /** The JSON body of every event: `{"query": ...}`. */
  body: string;
  /** Fresh processes, each one cold start; 10 unless given. */
  runs?: number;
  /** Events answered after the first in each process, for the warm figure; 5 unless given. */
  warmEvents?: number;
}

export interface ColdStartFigures {
  runs: number;
  /** Medians over the runs, in ms: importing the bundle, its first event, their sum (the cold start), a warm event. */
  importMs: number;
  firstEventMs: number;
  coldMs: number;
  warmMs: number;
  /**
   * The same in CPU time (every thread of the process: the compiler's and the GC's too): on a machine busy with other
   * work, wall time measures the machine as much as the bundle, CPU time much less.
   */
  importCpuMs: number;
  coldCpuMs: number;
  /** Every run's cold start, in order. */
  coldRunsMs: number[];
}

interface Run {
  importMs: number;
  firstEventMs: number;
  importCpuMs: number;
  coldCpuMs: number;
  warmMs: number[];
  statuses: number[];
  body: string;
}

/**
 * One cold start, run by plain node (no TypeScript loader: what is timed is what Lambda's runtime does): import the
 * bundle, answer one API Gateway HTTP API (payload 2.0) event, then the warm ones, and print the times as JSON.
 */
const ONE_START = `
import { performance } from 'node:perf_hooks';
const { bundle, authorization, body, warmEvents } = JSON.parse(process.env.COLD_START_REQUEST);
const event = () => {
  const now = Date.now();
  const domainName = 'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com';
  return {
    version: '2.0', routeKey: 'POST /graphql', rawPath: '/graphql', rawQueryString: '',
    headers: { accept: 'application/graphql-response+json, application/json', 'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)), authorization, host: domainName, 'x-forwarded-proto': 'https' },
    requestContext: { accountId: '123456789012', apiId: 'a1b2c3d4e5', domainName, domainPrefix: 'a1b2c3d4e5',
      http: { method: 'POST', path: '/graphql', protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'cold-start' },
      requestId: 'cold-start-' + now, routeKey: 'POST /graphql', stage: '$default', time: new Date(now).toUTCString(), timeEpoch: now },
    body, isBase64Encoded: false,
  };
};
const cpuMs = (since) => { const { user, system } = process.cpuUsage(since); return (user + system) / 1000; };
const before = performance.now();
const cpu = process.cpuUsage();
const { handler } = await import(bundle);
const imported = performance.now();
const importCpuMs = cpuMs(cpu);
const first = await handler(event());
const answered = performance.now();
const coldCpuMs = cpuMs(cpu);
const statuses = [first.statusCode];
const warmMs = [];
for (let i = 0; i < warmEvents; i += 1) {
  const start = performance.now();
  statuses.push((await handler(event())).statusCode);
  warmMs.push(performance.now() - start);
}
process.stdout.write(JSON.stringify({ importMs: imported - before, firstEventMs: answered - imported, importCpuMs, coldCpuMs, warmMs, statuses, body: first.body.slice(0, 300) }));
process.exit(0);
`;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

function startOnce(options: ColdStartOptions, warmEvents: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const request = { bundle: pathToFileURL(options.bundle).href, authorization: options.authorization, body: options.body, warmEvents };
    const child = spawn(process.execPath, ['--input-type=module', '--eval', ONE_START], {
      // A Lambda container's environment: the gateway's settings, nothing of this shell's (no NODE_OPTIONS, no tsx).
      env: { PATH: process.env.PATH ?? '', ...options.env, COLD_START_REQUEST: JSON.stringify(request) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(stdout) as Run);
      } catch {
        reject(new Error(`the cold-start process ended (${code}) without its figures:\n${stdout}\n${stderr}`));
      }
    });
  });
}

/** `runs` fresh processes one after another (never two at once, which would time the machine, not the bundle). */
export async function measureColdStart(options: ColdStartOptions): Promise<ColdStartFigures> {
  const warmEvents = options.warmEvents ?? 5;
  const runs: Run[] = [];
  for (let i = 0; i < (options.runs ?? 10); i += 1) {
    const run = await startOnce(options, warmEvents);
    if (run.statuses.some((status) => status !== 200) || run.body.includes('"errors"')) {
      throw new Error(`the handler did not answer the event: ${run.statuses.join(', ')} ${run.body}`);
    }
    runs.push(run);
  }
  return {
    runs: runs.length,
    importMs: median(runs.map((run) => run.importMs)),
    firstEventMs: median(runs.map((run) => run.firstEventMs)),
    coldMs: median(runs.map((run) => run.importMs + run.firstEventMs)),
    warmMs: median(runs.flatMap((run) => run.warmMs)),
    importCpuMs: median(runs.map((run) => run.importCpuMs)),
    coldCpuMs: median(runs.map((run) => run.coldCpuMs)),
    coldRunsMs: runs.map((run) => Math.round((run.importMs + run.firstEventMs) * 10) / 10),
  };
}

/** One GitBook team's first 50 members: a read through every layer, answered from the sandbox. */
const TEAM_PAGE = `{ organizations(provider: GITBOOK, first: 1) { edges { node { teams(first: 1) { edges { node {
  members(first: 50) { edges { node { id displayName email role status } } } } } } } } } }`;

/**
 * As a script: bundle with the deploy bundler into dist/lambda-measure (the deploy output is left alone), or take
 * `--bundle <graphql.mjs>` as built elsewhere (to compare two builds), then time it with inline providers (the
 * sandbox's simulators in this process, in LIVE mode) over `--runs` starts.
 */
async function main(): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const option = (name: string) => {
    const at = process.argv.indexOf(name);
    return at >= 0 ? process.argv[at + 1] : undefined;
  };
  const runs = Number(option('--runs') ?? 10);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number of cold starts, such as 10');
  let bundle = option('--bundle');
  if (bundle === undefined) {
    // Loaded only to bundle: esbuild is not needed to measure a bundle given with --bundle.
    const { bundleLambdas } = await import('./bundle.mjs');
    for (const entry of await bundleLambdas({ outdir: path.join(root, 'dist/lambda-measure') })) {
      if (entry.atStartBytes === undefined) continue;
      const kB = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;
      console.log(`${path.basename(entry.file)} ${kB(entry.bytes)}, ${kB(entry.atStartBytes)} with the chunks it imports at start`);
    }
    bundle = path.join(root, 'dist/lambda-measure/graphql.mjs');
  }
  bundle = path.resolve(bundle);
  const sandbox = await startSandbox();
  try {
    const figures = await measureColdStart({
      bundle,
      env: {
        ...sandboxProviderEnv(sandbox),
        TEAMGRAPH_SANDBOX: 'off',
        TEAMGRAPH_API_KEYS: 'cold-start:cold-start-key:read',
        // Every warm event makes its upstream calls (no cache), and no quota slows a run.
        TEAMGRAPH_CACHE_TTL: '0',
        TEAMGRAPH_RATE_BUDGETS: 'off',
        TEAMGRAPH_LOG_LEVEL: 'warn',
      },
      authorization: 'Bearer cold-start-key',
      body: JSON.stringify({ query: TEAM_PAGE }),
      runs,
    });
    console.log(
      `${figures.runs} cold starts, medians: import ${figures.importMs.toFixed(0)} ms + first event ${figures.firstEventMs.toFixed(0)} ms = ` +
        `cold ${figures.coldMs.toFixed(0)} ms; warm event ${figures.warmMs.toFixed(1)} ms`,
    );
    console.log(`CPU time, medians: import ${figures.importCpuMs.toFixed(0)} ms, cold start ${figures.coldCpuMs.toFixed(0)} ms`);
    console.log(`each cold start (ms): ${figures.coldRunsMs.join(', ')}`);
  } finally {
    await sandbox.stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
