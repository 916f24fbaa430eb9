// `npm start` as a user runs it: a real child process on a free port, with only the environment a test gives it.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

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

/**
 * Starts src/server/main.ts with PORT=0 and `env` (a developer's own provider variables never leak in) and waits
 * for the URL line. The wait is generous because start-up is slow on a busy machine; it only stops a process that
 * never comes up.
 */
export async function startNpmStart(env: Record<string, string> = {}, waitMs = 30_000): Promise<NpmStart> {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
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
