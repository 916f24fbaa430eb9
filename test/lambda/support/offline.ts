// Runs serverless-offline (osls) on 127.0.0.1 with local settings, as `npm run offline` does, and stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { freePort } from '../../../scripts/free-port.js';

export interface Offline {
  /** `http://127.0.0.1:<httpPort>/graphql`: the graphql function behind its HTTP API route. */
  graphqlUrl: string;
  /** `http://127.0.0.1:<lambdaPort>`: the Lambda Invoke API. */
  lambdaEndpoint: string;
  output(): string;
  stop(): Promise<void>;
}

/** `env` reaches the functions only through serverless.yml's `${env:...}` settings (deploy/settings.env.yml). */
export async function startOffline(env: Record<string, string>, timeoutMs = 30_000): Promise<Offline> {
  const [httpPort, lambdaPort] = [await freePort(), await freePort()];
  const root = path.resolve(import.meta.dirname, '../../..');
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'node_modules/osls/bin/serverless.js'), 'offline', 'start', '--param=source=env'], {
    cwd: root,
    // Only what osls needs and what the test chose: a developer's own provider variables must not leak in.
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      ...env,
      OFFLINE_HTTP_PORT: String(httpPort),
      OFFLINE_LAMBDA_PORT: String(lambdaPort),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + timeoutMs;
  while (!output.includes('Server ready')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`serverless-offline did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    graphqlUrl: `http://127.0.0.1:${httpPort}/graphql`,
    lambdaEndpoint: `http://127.0.0.1:${lambdaPort}`,
    output: () => output,
    stop,
  };
}
