// `npm start` as a user runs it: a real process serving the gateway over the embedded sandbox, or refusing bad settings.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npmStartArgs } from './support/npm-start.js';
import { companyDirectory } from '../src/sandbox/index.js';

function start(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let output = '';
  // Only what the gateway reads: a developer's own provider variables must not leak into the test.
  const child = spawn(process.execPath, npmStartArgs(), {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm start with no provider configured', () => {
  let gateway: ReturnType<typeof start>;
  let url = '';

  beforeAll(async () => {
    gateway = start({ PORT: '0' });
    await until(() => /http:\/\/localhost:\d+\/graphql/.test(gateway.output()), 'the gateway URL');
    url = /(http:\/\/localhost:\d+\/graphql)/.exec(gateway.output())?.[1] ?? '';
  });

  afterAll(async () => {
    if (gateway.child.exitCode === null) {
      gateway.child.kill('SIGTERM');
      await once(gateway.child, 'exit');
    }
  });

  it('says it serves the sandbox and which key to send', () => {
    expect(gateway.output()).toContain('serving the embedded sandbox');
    expect(gateway.output()).toContain('Authorization: Bearer sandbox');
  });

  it("prints the sandbox company's e-mail to try", () => {
    expect(gateway.output()).toMatch(new RegExp(`^  person +${companyDirectory().tryEmail.replaceAll('.', '\\.')} `, 'm'));
  });

  it('prints ids to try (a team, a group with members, a member, an e-mail), each one the API knows', async () => {
    expect(gateway.output()).toContain('Ids to try');
    const printed = (what: string) => new RegExp(`^  ${what} +(\\S+)`, 'm').exec(gateway.output())?.[1] ?? '';
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sandbox' },
      body: JSON.stringify({
        query: 'query($ids: [ID!]!) { nodes(ids: $ids) { __typename ... on MemberGroup { memberCount members(first: 1) { edges { node { id } } } } } }',
        variables: { ids: [printed('team'), printed('group'), printed('member')] },
      }),
    });
    const body = (await response.json()) as { errors?: unknown; data: { nodes: Array<{ __typename: string; members?: { edges: unknown[] } } | null> } };
    expect(body.errors).toBeUndefined();
    expect(body.data.nodes.map((node) => node?.__typename)).toEqual(['Team', 'UserGroup', 'Member']);
    expect(body.data.nodes[1]?.members?.edges.length).toBe(1);
    expect(printed('e-mail')).toMatch(/^[^@\s]+@[^@\s]+$/);
  });

  it('listens on the loopback address only (TEAMGRAPH_HOST unset)', () => {
    // The kernel's table of listening TCP sockets: the port's local address is 127.0.0.1, not 0.0.0.0 (any interface).
    const port = Number(new URL(url).port);
    const listening = ['/proc/net/tcp', '/proc/net/tcp6']
      .flatMap((file) => readFileSync(file, 'utf8').split('\n').slice(1))
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[3] === '0A' && Number.parseInt(cols[1]?.split(':')[1] ?? '', 16) === port)
      .map((cols) => cols[1]?.split(':')[0]);
    expect(listening).toEqual(['0100007F']);
  });

  it('answers a query over all five providers with the sandbox key', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sandbox' },
      body: JSON.stringify({ query: '{ providers { id mode } organizations(first: 20) { totalCount edges { node { provider name } } } }' }),
    });
    const body = (await response.json()) as {
      data: { providers: Array<{ id: string; mode: string }>; organizations: { edges: Array<{ node: { provider: string } }> } };
    };
    expect(body.data.providers.map((p) => p.id)).toEqual(['GOODACCESS', 'GITBOOK', 'BIRD', 'CHECKMARX', 'CLOUDFLARE']);
    expect(new Set(body.data.providers.map((p) => p.mode))).toEqual(new Set(['SANDBOX']));
    expect(new Set(body.data.organizations.edges.map((e) => e.node.provider))).toEqual(new Set(['GOODACCESS', 'GITBOOK', 'BIRD', 'CHECKMARX', 'CLOUDFLARE']));
  });

  it('refuses a GraphQL request without a key, with 401 and a code', async () => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ providers { id } }"}' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('serves GraphiQL to a browser without a key, with the sandbox key preset', async () => {
    const response = await fetch(url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<title>teamgraph</title>');
    expect(html).toContain('Bearer sandbox');
  });

  it('stops cleanly on SIGTERM', async () => {
    gateway.child.kill('SIGTERM');
    const [code] = (await once(gateway.child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });
});

describe('npm start with a bad setting', () => {
  it('exits 1 with a message naming the setting', async () => {
    const run = start({ PORT: '0', GITBOOK_TOKEN: 'tok-123456' });
    const [code] = (await once(run.child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(run.output()).toContain('teamgraph cannot start: TEAMGRAPH_API_KEYS is required');
    expect(run.output()).not.toContain('tok-123456');
  });
});
