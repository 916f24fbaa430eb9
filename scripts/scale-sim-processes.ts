// The scale simulation's processes: the sandbox, redis-server and N gateways as `npm start` runs them, all stopped on exit.
import { type ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import type { SimulatedProviders } from './scale-sim-sandbox.js';
import { freePort } from './free-port.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const children = new Set<ChildProcess>();

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/** Stops every child this process started (by its own pid: nothing else is touched). */
export function stopAll(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
}
process.on('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopAll();
    process.exit(130);
  });
}

/** Waits for a line of output matching `pattern`; fails with the output when the process ends or `ms` pass first. */
async function outputLine(child: ChildProcess, pattern: RegExp, what: string, ms: number): Promise<RegExpExecArray> {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start within ${ms} ms:\n${output}`)), ms);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}):\n${output}`));
    });
  });
}

export async function startSimulatedProviders(timeScale: number): Promise<SimulatedProviders> {
  const child = track(
    fork(path.join(ROOT, 'scripts/scale-sim-sandbox.ts'), [], {
      cwd: ROOT,
      env: { ...process.env, SANDBOX_TIME_SCALE: String(timeScale) },
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  const [message] = (await once(child, 'message')) as [SimulatedProviders];
  return message;
}

export interface RedisProcess {
  url: string;
  /** Empties the server: shared budgets, blocks and cache start fresh. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

/** Debian's redis-server (scripts/install-redis.sh) on a free port, nothing persisted. */
export async function startRedis(): Promise<RedisProcess> {
  const port = await freePort();
  const child = track(spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] }));
  await outputLine(child, /Ready to accept connections/, 'redis-server', 15_000);
  return {
    url: `redis://127.0.0.1:${port}`,
    async flush() {
      const client = new Redis(`redis://127.0.0.1:${port}`, { lazyConnect: true, maxRetriesPerRequest: 1 });
      try {
        await client.connect();
        await client.flushall();
      } finally {
        client.disconnect();
      }
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

export interface GatewayProcess {
  url: string;
  /** How many times it logged that it lost the shared store (and served on its own meanwhile). */
  storeLosses(): number;
  stop(): Promise<void>;
}

/** `npm start`'s command, its `prestart` (the build) run once first: N gateways need one build, not N. */
function npmStartCommand(): [string, string[]] {
  const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const words = (text: string) => text.split(/\s+/).filter((word) => word !== '');
  const resolve = ([command = 'node', ...args]: string[]): [string, string[]] =>
    command === 'node' ? [process.execPath, args] : [path.join(ROOT, 'node_modules/.bin', command), args];
  if (scripts.prestart) {
    const [command, args] = resolve(words(scripts.prestart));
    execFileSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  }
  return resolve(words(scripts.start ?? 'tsx src/server/main.ts'));
}

let startCommand: [string, string[]] | null = null;

/** One gateway as `npm start` runs it, with `env` only (and PATH). */
export async function startGateway(env: Record<string, string>): Promise<GatewayProcess> {
  startCommand ??= npmStartCommand();
  const [command, args] = startCommand;
  const child = track(
    spawn(command, args, {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const match = await outputLine(child, /http:\/\/localhost:(\d+)\/graphql/, 'a gateway', 120_000);
  // Output keeps flowing (warnings); the last of it is kept for a gateway that dies during the run.
  let tail = '';
  let losses = 0;
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    losses += text.split('shared store unreachable').length - 1;
    tail = (tail + text).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let stopping = false;
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`scale-sim: a gateway exited during the run (${code ?? signal}):\n${tail}`);
  });
  return {
    url: `http://127.0.0.1:${match[1]}/graphql`,
    storeLosses: () => losses,
    async stop() {
      stopping = true;
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
