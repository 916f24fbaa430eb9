// The Lambda figures: bundle sizes from deploy/bundle.mjs, and cold and warm starts of graphql.mjs in fresh node processes.
import { fork } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './children.js';

export interface LambdaFigures {
  /** Every file the bundler wrote, in bytes (graphql.mjs and connector.mjs, and any chunk they share). */
  bundles: Record<string, number>;
  runs: number;
  /** Medians over the runs, in ms: import, first event, their sum (the cold start), the second event (warm). */
  importMs: number;
  firstEventMs: number;
  coldMs: number;
  warmMs: number;
  /** Node's own start before the script ran, not counted in coldMs. */
  bootMs: number;
  /** Every run's cold start, in order. */
  coldRunsMs: number[];
}

type Bundler = (options: { outdir: string }) => Promise<Array<{ file: string; bytes: number }>>;

/** Where the bench bundles: beside the deploy bundle, so its imports of node_modules resolve, without touching it. */
const OUT_DIR = path.join(ROOT, 'dist/bench-lambda');

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Builds with the deploy bundler's own function (the one `npm run package` runs), into dist/bench-lambda. */
async function bundle(): Promise<Record<string, number>> {
  // bundle.mjs is plain JavaScript without type declarations: its one export is typed here.
  const { bundleLambdas } = (await import(pathToFileURL(path.join(ROOT, 'deploy/bundle.mjs')).href)) as { bundleLambdas: Bundler };
  const outputs = await bundleLambdas({ outdir: OUT_DIR });
  return Object.fromEntries(outputs.filter((o) => !o.file.endsWith('.map')).map((o) => [path.basename(o.file), statSync(path.join(ROOT, o.file)).size]));
}

interface StartRun {
  bootMs: number;
  importMs: number;
  firstEventMs: number;
  coldMs: number;
  warmMs: number;
  statuses: number[];
  body: string;
}

function startOnce(env: Record<string, string>): Promise<StartRun> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(ROOT, 'bench/lambda-start.mjs'), [], {
      cwd: ROOT,
      // A Lambda container's environment: the gateway's settings and nothing of the shell's NODE_OPTIONS (tsx).
      env: { PATH: process.env.PATH ?? '', ...env },
      execArgv: [],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the Lambda cold start took over 30 s'));
    }, 30_000);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message as StartRun);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the Lambda cold-start process exited (${code}) without an answer`));
    });
  });
}

/**
 * Sizes, then `runs` fresh processes each importing graphql.mjs and answering one event twice (cold, then warm).
 * `env` configures the gateway as on Lambda: inline providers (the sandbox's, in LIVE mode) and the bench's key.
 */
export async function measureLambda(options: { env: Record<string, string>; authorization: string; body: string; runs: number }): Promise<LambdaFigures> {
  const bundles = await bundle();
  const env = {
    ...options.env,
    BENCH_LAMBDA_BUNDLE: path.join(OUT_DIR, 'graphql.mjs'),
    BENCH_LAMBDA_REQUEST: JSON.stringify({ authorization: options.authorization, body: options.body }),
  };
  const runs: StartRun[] = [];
  for (let i = 0; i < options.runs; i += 1) {
    const run = await startOnce(env);
    if (run.statuses.some((status) => status !== 200) || run.body.includes('"errors"')) {
      throw new Error(`the Lambda handler did not answer the event: ${run.statuses.join(', ')} ${run.body}`);
    }
    runs.push(run);
  }
  return {
    bundles,
    runs: runs.length,
    importMs: median(runs.map((r) => r.importMs)),
    firstEventMs: median(runs.map((r) => r.firstEventMs)),
    coldMs: median(runs.map((r) => r.coldMs)),
    warmMs: median(runs.map((r) => r.warmMs)),
    bootMs: median(runs.map((r) => r.bootMs)),
    coldRunsMs: runs.map((r) => Math.round(r.coldMs * 10) / 10),
  };
}
