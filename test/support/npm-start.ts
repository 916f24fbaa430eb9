// `npm start` as a user runs it: a real child process on a free port, with only the environment a test gives it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';

export interface NpmStart {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** `http://127.0.0.1:<port>/graphql` */
  url: string;
  port: string;
  stop(): Promise<void>;
}

const URL_LINE = /http:\/\/localhost:(\d+)\/graphql/;

let built: string[] | null = null;

/**
 * What `npm start` runs, read from package.json: its prestart (the esbuild bundle) is run here once per test process,
 * and the node arguments of its start are returned, so a test spawns node itself (its pid, its signals, its exit code)
 * rather than npm's shell around it.
 */
export function npmStartArgs(): string[] {
  if (built) return built;
  const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string | undefined> };
  const start = /^node (.+)$/.exec(scripts.start ?? '');
  if (!start?.[1]) throw new Error(`npm start is expected to run node; it runs ${JSON.stringify(scripts.start)}`);
  if (scripts.prestart) {
    const prestart = spawnSync(scripts.prestart, { shell: true, encoding: 'utf8' });
    if (prestart.status !== 0) throw new Error(`npm start's prestart (${scripts.prestart}) failed:\n${prestart.stdout}${prestart.stderr}`);
  }
  built = start[1].split(/\s+/);
  return built;
}

/**
 * Starts what `npm start` runs with PORT=0 and `env` (a developer's own provider variables never leak in) and waits
 * for the URL line. The wait is generous because start-up is slow on a busy machine; it only stops a process that
 * never comes up.
 */
export async function startNpmStart(env: Record<string, string> = {}, waitMs = 30_000): Promise<NpmStart> {
  let output = '';
  const child = spawn(process.execPath, npmStartArgs(), {
    env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + waitMs;
  while (!URL_LINE.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`npm start did not come up:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const port = URL_LINE.exec(output)?.[1] ?? '';
  return {
    child,
    output: () => output,
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
