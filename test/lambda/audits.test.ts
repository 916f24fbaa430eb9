// GraphQL over HTTP conformance (graphql-http's server audits) of `npm start`, the server the Lambda handler mirrors.
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNpmStart, type NpmStart } from '../support/npm-start.js';

let server: NpmStart;
let url = '';

beforeAll(async () => {
  // `npm start` as main.ts runs it, over its embedded sandbox, on a free port; nothing from the developer's shell.
  server = await startNpmStart();
  url = server.url;
}, 40_000);

afterAll(() => server?.stop());

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
