// GraphQL over HTTP conformance (graphql-http's server audits) of `npm start`, the server the Lambda handler mirrors.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let child: ReturnType<typeof spawn>;
let output = '';
let url = '';

beforeAll(async () => {
  // `npm start` as main.ts runs it, over its embedded sandbox, on a free port; nothing from the developer's shell.
  child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { PATH: process.env.PATH ?? '', PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 25_000;
  while (!/http:\/\/localhost:\d+\/graphql/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  url = (/(http:\/\/localhost:\d+\/graphql)/.exec(output)?.[1] ?? '').replace('localhost', '127.0.0.1');
}, 30_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
});

describe('npm start', () => {
  it('passes every graphql-http server audit', async () => {
    const fetchFn = (input: RequestInfo | URL, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', 'Bearer sandbox');
      return fetch(input, { ...init, headers });
    };
    const results = [];
    for (const audit of serverAudits({ url, fetchFn })) results.push(await audit.fn());
    const failed = results
      .filter((result) => result.status === 'error')
      .map((result) => `${result.id} ${result.name}: ${'reason' in result ? result.reason : ''}`);
    expect(failed).toEqual([]);
    expect(results.length).toBeGreaterThan(50);
    console.log(
      `graphql-http audits against npm start: ${results.filter((r) => r.status === 'ok').length} ok, ${results.filter((r) => r.status === 'warn').length} warn, ${failed.length} error`,
    );
  });
});
