// Each typed error made to happen (sandbox faults, bad input, a read-only key), partial bulk failures, and unknown outcomes.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeAdapters, createAdapters } from '../../src/providers/registry.js';
import { encodeGlobalId, localId } from '../../src/resolvers/ids.js';
import { MAX_MEMBERS_PER_CHANGE, memberRefsFrom } from '../../src/resolvers/writes/input.js';
import type { ProviderAdapter } from '../../src/providers/types.js';
import { createGateway } from '../../src/server/gateway.js';
import { apiKey } from '../support/keys.js';
import { captureLogs } from '../support/logs.js';
import { sandboxProviderConfigs } from '../../src/server/sandbox-providers.js';
import { startGateway, type GatewayHarness } from '../support/gateway.js';
import { ADD_MEMBERS, birdOutsiders, groupId, groupMembers, outsiders, payload, plan, SET_MEMBERS, writes, type GroupChangePayload } from './support.js';

const TUNING = { retry: { baseDelayMs: 1, maxDelayMs: 5 }, breaker: { failureThreshold: 1000, resetAfterMs: 10 } };
const MEMBERS = '/organizations/{organizationId}/teams/{teamId}/members';
const MEMBER = '/organizations/{organizationId}/teams/{teamId}/members/{teamMemberId}';

let g: GatewayHarness;
beforeAll(async () => {
  // A Bird call gives up after 400 ms (the deadline is exact; undici's header timer is coarse), to provoke unknown
  // outcomes; no breaker opens however many faults a test injects.
  g = await startGateway({
    http: TUNING,
    httpFor: { BIRD: { ...TUNING, timeouts: { deadlineMs: 400 } }, CLOUDFLARE: { ...TUNING, timeouts: { deadlineMs: 1000 } } },
  });
});
afterAll(async () => {
  await g.stop();
});
beforeEach(() => g.reset());

async function add(input: Record<string, unknown>): Promise<GroupChangePayload> {
  return payload<GroupChangePayload>(await g.query(ADD_MEMBERS, { input }));
}

describe('MemberRefInput is @oneOf: GraphQL refuses a reference with none or several fields, before any call', () => {
  // The resolver's own check (memberRefsFrom) used to answer these with a ValidationError payload; with @oneOf,
  // GraphQL refuses them first, so typed clients cannot even build them. The check stays for callers without GraphQL.
  it.each([
    ['two references in one', { userId: 'a'.repeat(32), email: 'x@example.com' }, /Exactly one key must be specified for OneOf type "MemberRefInput"/],
    ['no reference', {}, /Exactly one key must be specified for OneOf type "MemberRefInput"/],
    ['a null reference field', { email: null }, /must be non-null/],
  ])('%s, in a variable: BAD_USER_INPUT pointing at the reference, nothing echoed', async (_name, ref, message) => {
    const group = await groupId(g, 'CLOUDFLARE', 'Marketing');
    g.clearLogs();
    const answer = await g.query(ADD_MEMBERS, { input: { groupId: group, members: [{ memberId: 'b'.repeat(32) }, ref] } });
    expect(answer.data).toBeUndefined();
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(answer.errors![0]!.message).toContain('at "input.members[1]');
    expect(answer.errors![0]!.message).toMatch(message);
    expect(answer.errors![0]!.message).not.toContain('x@example.com');
    expect(answer.errors![0]!.message).not.toContain('b'.repeat(32));
    expect(g.calls()).toHaveLength(0);
  });

  it.each([
    ['two references in one', '{ userId: "aaaa", email: "x@example.com" }'],
    ['no reference', '{}'],
    ['a null reference field', '{ email: null }'],
  ])('%s, as a literal: GRAPHQL_VALIDATION_FAILED, nothing echoed', async (_name, ref) => {
    const group = await groupId(g, 'CLOUDFLARE', 'Marketing');
    g.clearLogs();
    const answer = await g.query(`mutation ($group: ID!) { addMembers(input: { groupId: $group, members: [${ref}] }) { __typename } }`, { group });
    expect(answer.data).toBeUndefined();
    expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(answer.errors![0]!.message).toMatch(/MemberRefInput/);
    expect(answer.errors![0]!.message).not.toContain('x@example.com');
    expect(g.calls()).toHaveLength(0);
  });

  it('the resolver still checks, for callers that reach it without GraphQL: a ValidationError with the path', () => {
    const adapter = { id: 'CLOUDFLARE', ids: { user: () => undefined, member: () => undefined } } as unknown as ProviderAdapter;
    for (const ref of [{ userId: 'a'.repeat(32), email: 'x@example.com' }, {}]) {
      let thrown: unknown = null;
      try {
        memberRefsFrom(adapter, [ref], ['input', 'members']);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toMatchObject({ name: 'ValidationError', path: ['input', 'members', '0'] });
    }
  });
});

describe('ValidationError: input checked before any call', () => {
  it.each([
    ['a malformed id', [{ memberId: 'not-hex' }], ['input', 'members', '0', 'memberId']],
    ['a malformed e-mail', [{ email: 'not-an-address' }], ['input', 'members', '0', 'email']],
  ])('%s', async (_name, members, path) => {
    const group = await groupId(g, 'CLOUDFLARE', 'Marketing');
    g.clearLogs();
    const result = await add({ groupId: group, members });
    expect(result).toMatchObject({ __typename: 'ValidationError', path });
    expect(g.calls()).toHaveLength(0);
  });

  it('a list over the bound says the bound', async () => {
    const group = await groupId(g, 'BIRD', 'Design');
    g.clearLogs();
    const members = Array.from({ length: MAX_MEMBERS_PER_CHANGE + 1 }, () => ({ userId: '00000000-0000-4000-8000-000000000001' }));
    const result = await add({ groupId: group, members });
    expect(result).toMatchObject({ __typename: 'ValidationError', path: ['input', 'members'] });
    expect(result.message).toContain(`at most ${MAX_MEMBERS_PER_CHANGE}`);
    expect(g.calls()).toHaveLength(0);
  });

  it('e-mails where the provider cannot find anyone by e-mail (Bird)', async () => {
    const group = await groupId(g, 'BIRD', 'Design');
    g.clearLogs();
    const result = await add({ groupId: group, members: [{ email: 'ada@example.com' }] });
    expect(result).toMatchObject({ __typename: 'ValidationError', provider: 'BIRD', path: ['input', 'members', '0', 'email'] });
    expect(g.calls()).toHaveLength(0);
  });

  it('a malformed or wrong-type group id', async () => {
    const member = (await groupMembers(g, await groupId(g, 'BIRD', 'Design')))[0]!;
    g.clearLogs();
    expect(await add({ groupId: 'garbage', members: [] })).toMatchObject({ __typename: 'ValidationError', path: ['input', 'groupId'] });
    expect(await add({ groupId: member.id, members: [] })).toMatchObject({ __typename: 'ValidationError', path: ['input', 'groupId'] });
    expect(g.calls()).toHaveLength(0);
  });
});

describe('NotFoundError', () => {
  it('a group that does not exist: one read, no writes', async () => {
    const org = g.sandbox.birdOrganizationId;
    const missing = encodeGlobalId(
      'Team',
      localId({ type: 'Team', key: { provider: 'BIRD', organizationId: org, groupId: '00000000-0000-4000-8000-00000000abcd' } }),
    );
    g.clearLogs();
    const result = await add({ groupId: missing, members: birdOutsiders(g, 'Design', 3).map((userId) => ({ userId })) });
    expect(result).toMatchObject({ __typename: 'NotFoundError', provider: 'BIRD' });
    expect(plan(g.calls('BIRD'))).toEqual(['GET /organizations/{organizationId}/teams/{teamId} 404']);
  });

  it('a group gone on a native bulk call (Cloudflare)', async () => {
    const group = await groupId(g, 'CLOUDFLARE', 'Marketing');
    g.sandbox.servers.cloudflare.faults.add({ kind: 'error', status: 404 });
    const result = await add({ groupId: group, members: [{ memberId: 'a'.repeat(32) }, { memberId: 'b'.repeat(32) }] });
    expect(result).toMatchObject({ __typename: 'NotFoundError', provider: 'CLOUDFLARE' });
  });
});

describe('RateLimitedError and ProviderUnavailableError', () => {
  it('a 429 on the one bulk call: RateLimitedError with retryAfter, nothing applied', async () => {
    const group = await groupId(g, 'CLOUDFLARE', 'Marketing');
    const people = await outsiders(g, 'CLOUDFLARE', group, 2);
    g.sandbox.servers.cloudflare.faults.add({ kind: 'rateLimit', retryAfter: 30, match: { method: 'POST' } });
    const result = await add({ groupId: group, members: people.map((m) => ({ memberId: m.memberId })) });
    expect(result).toMatchObject({ __typename: 'RateLimitedError', provider: 'CLOUDFLARE', retryAfter: 30 });
    const now = new Set((await groupMembers(g, group)).map((m) => m.memberId));
    expect(people.some((m) => now.has(m.memberId))).toBe(false);
  });

  it('emulated bulk: the first 429s stop the rest from being sent; with nothing applied the result is RateLimitedError', async () => {
    const group = await groupId(g, 'BIRD', 'Sales');
    g.sandbox.servers.bird.faults.add({ kind: 'rateLimit', retryAfter: 7, match: { method: 'POST', route: MEMBERS } });
    const result = await add({ groupId: group, members: birdOutsiders(g, 'Sales', 10).map((userId) => ({ userId })) });
    expect(result).toMatchObject({ __typename: 'RateLimitedError', provider: 'BIRD', retryAfter: 7 });
    // At most one round of concurrent POSTs went out, not ten.
    expect(g.calls('BIRD').filter((e) => e.method === 'POST').length).toBeLessThanOrEqual(4);
  });

  it('emulated bulk, mixed: one 429 among the first calls; the payload says exactly which were applied', async () => {
    const group = await groupId(g, 'BIRD', 'Sales');
    const people = birdOutsiders(g, 'Sales', 10);
    g.sandbox.servers.bird.faults.add({ kind: 'rateLimit', retryAfter: 7, times: 1, match: { method: 'POST', route: MEMBERS } });
    const result = await add({ groupId: group, members: people.map((userId) => ({ userId })) });
    expect(result.__typename).toBe('AddMembersSuccess');
    const added = result.changes!.filter((c) => c.status === 'ADDED').map((c) => c.memberId);
    const failed = result.changes!.filter((c) => c.status === 'FAILED');
    expect(added.length + failed.length).toBe(10);
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(failed.every((c) => c.error?.__typename === 'RateLimitedError' && c.error.retryAfter === 7)).toBe(true);
    const now = new Set((await groupMembers(g, group)).map((m) => m.memberId));
    expect(people.filter((id) => now.has(id)).sort()).toEqual([...added].sort());
  });

  it('503s on an idempotent call, retried and still failing: ProviderUnavailableError, outcome known', async () => {
    const group = await groupId(g, 'GITBOOK', 'Design', 'Acme Documentation');
    const people = await outsiders(g, 'GITBOOK', group, 2, 'Acme Documentation');
    g.sandbox.servers.gitbook.faults.add({ kind: 'error', status: 503, match: { method: 'PUT' } });
    const result = await add({ groupId: group, members: people.map((m) => ({ userId: m.memberId })) });
    expect(result).toMatchObject({ __typename: 'ProviderUnavailableError', provider: 'GITBOOK', outcomeUnknown: false });
    expect(g.calls('GITBOOK').filter((e) => e.method === 'PUT')).toHaveLength(3);
  });
});

describe('ConflictError and ForbiddenError from the provider', () => {
  it('a 409 on a replace: ConflictError', async () => {
    const group = await groupId(g, 'CLOUDFLARE', 'Marketing');
    g.sandbox.servers.cloudflare.faults.add({ kind: 'error', status: 409, match: { method: 'PUT' } });
    const result = payload<GroupChangePayload>(await g.query(SET_MEMBERS, { input: { groupId: group, members: [] } }));
    expect(result).toMatchObject({ __typename: 'ConflictError', provider: 'CLOUDFLARE' });
  });

  it('a 403 from the provider: ForbiddenError naming it', async () => {
    const group = await groupId(g, 'GITBOOK', 'Design', 'Acme Documentation');
    const [person] = await outsiders(g, 'GITBOOK', group, 1, 'Acme Documentation');
    g.sandbox.servers.gitbook.faults.add({ kind: 'error', status: 403, match: { method: 'PUT' } });
    const result = await add({ groupId: group, members: [{ userId: person!.memberId }] });
    expect(result).toMatchObject({ __typename: 'ForbiddenError', provider: 'GITBOOK' });
  });
});

describe('calls that are not idempotent are never resent blindly (Bird POST)', () => {
  it('after a timeout the membership is read; not there, the add is sent once more', async () => {
    const group = await groupId(g, 'BIRD', 'Design');
    const [user] = birdOutsiders(g, 'Design', 1);
    g.sandbox.servers.bird.faults.add({ kind: 'hang', times: 1, match: { method: 'POST', route: MEMBERS } });
    g.clearLogs();
    const result = await add({ groupId: group, members: [{ userId: user }] });
    expect(result.changes?.map((c) => c.status)).toEqual(['ADDED']);
    expect(plan(g.calls('BIRD'))).toEqual([`POST ${MEMBERS} 0`, `GET ${MEMBER} 404`, `POST ${MEMBERS} 201`]);
    expect((await groupMembers(g, group)).filter((m) => m.memberId === user)).toHaveLength(1);
  });

  it('after a timeout the membership is read; there already (the slow POST landed), nothing is resent', async () => {
    const group = await groupId(g, 'BIRD', 'Design');
    const [user] = birdOutsiders(g, 'Design', 1);
    // The POST is applied after 550 ms (we give up at 400); the read is held 250 ms, so it sees the POST's work.
    g.sandbox.servers.bird.faults.add({ kind: 'latency', latencyMs: 550, times: 1, match: { method: 'POST', route: MEMBERS } });
    g.sandbox.servers.bird.faults.add({ kind: 'latency', latencyMs: 250, times: 1, match: { method: 'GET', route: MEMBER } });
    g.clearLogs();
    const result = await add({ groupId: group, members: [{ userId: user }] });
    expect(result.changes?.map((c) => c.status)).toEqual(['ADDED']);
    expect(g.calls('BIRD').filter((e) => e.method === 'POST')).toHaveLength(1);
    expect(
      g
        .calls('BIRD')
        .filter((e) => e.method === 'GET')
        .map((e) => e.status),
    ).toEqual([200]);
  });

  it('when the read cannot tell either, the member is FAILED with outcomeUnknown and nothing is resent', async () => {
    const group = await groupId(g, 'BIRD', 'Design');
    const [user] = birdOutsiders(g, 'Design', 1);
    g.sandbox.servers.bird.faults.add({ kind: 'hang', times: 1, match: { method: 'POST', route: MEMBERS } });
    g.sandbox.servers.bird.faults.add({ kind: 'error', status: 503, match: { method: 'GET', route: MEMBER } });
    g.clearLogs();
    const result = await add({ groupId: group, members: [{ userId: user }] });
    expect(result).toMatchObject({ __typename: 'ProviderUnavailableError', provider: 'BIRD', outcomeUnknown: true });
    expect(g.calls('BIRD').filter((e) => e.method === 'POST')).toHaveLength(1);
  });
});

describe('a bulk POST that timed out (Cloudflare: not idempotent)', () => {
  it('is sent again only after a fresh read of the group, and only with what is still missing', async () => {
    const group = await groupId(g, 'CLOUDFLARE', 'Marketing');
    const people = await outsiders(g, 'CLOUDFLARE', group, 3);
    g.sandbox.servers.cloudflare.faults.add({ kind: 'hang', times: 1, match: { method: 'POST' } });
    g.clearLogs();
    const result = await add({ groupId: group, members: people.map((m) => ({ memberId: m.memberId })) });
    expect(result.changes?.map((c) => c.status)).toEqual(['ADDED', 'ADDED', 'ADDED']);
    const route = '/client/v4/accounts/{account_id}/iam/user_groups/{user_group_id}/members';
    expect(plan(g.calls('CLOUDFLARE'))).toEqual([`GET ${route} 200`, `POST ${route} 0`, `GET ${route} 200`, `POST ${route} 200`]);
  });
});

describe('the write scope', () => {
  let server: Server;
  let url: string;
  let adapters: Awaited<ReturnType<typeof createAdapters>>;
  beforeAll(async () => {
    adapters = await createAdapters(sandboxProviderConfigs(g.sandbox));
    const apiKeys = [
      apiKey('dashboard', 'read-only-key', ['read']),
      apiKey('hr-sync', 'writer-key', ['read', 'write']),
      apiKey('provisioner', 'write-only-key', ['write']),
    ];
    server = createServer(createGateway({ adapters, mode: 'SANDBOX', apiKeys, offlineGraphiQL: false, logger: captureLogs().logger }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await closeAdapters(adapters);
  });

  const send = async (key: string, input: Record<string, unknown>) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: ADD_MEMBERS, variables: { input } }),
    });
    return (await response.json()) as { data?: { addMembers: GroupChangePayload }; errors?: unknown[] };
  };

  it('a read-only key gets ForbiddenError and no upstream call; a write key goes through', async () => {
    const group = await groupId(g, 'CLOUDFLARE', 'Marketing');
    const [person] = await outsiders(g, 'CLOUDFLARE', group, 1);
    g.clearLogs();
    const refused = await send('read-only-key', { groupId: group, members: [{ memberId: person!.memberId }] });
    expect(refused.errors).toBeUndefined();
    expect(refused.data?.addMembers).toMatchObject({ __typename: 'ForbiddenError', provider: null });
    expect(refused.data?.addMembers.message).toContain('write scope');
    expect(g.calls()).toHaveLength(0);

    const allowed = await send('writer-key', { groupId: group, members: [{ memberId: person!.memberId }] });
    expect(allowed.data?.addMembers.changes?.map((c) => c.status)).toEqual(['ADDED']);
    expect(writes(g.calls('CLOUDFLARE'))).toHaveLength(1);
  });

  it('a write-only key changes membership and reads its payload, but no query field', async () => {
    const group = await groupId(g, 'CLOUDFLARE', 'Marketing');
    const [person] = await outsiders(g, 'CLOUDFLARE', group, 1);
    const allowed = await send('write-only-key', { groupId: group, members: [{ memberId: person!.memberId }] });
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data?.addMembers.changes?.map((c) => c.status)).toEqual(['ADDED']);

    g.clearLogs();
    for (const field of ['providers { id }', 'organizations(first: 1) { totalCount }', 'nodes(ids: []) { id }']) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer write-only-key' },
        body: JSON.stringify({ query: `{ ${field} }` }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: Array<{ message: string; path: string[]; extensions: { code: string } }> };
      expect(body.errors, field).toHaveLength(1);
      expect(body.errors?.[0]?.extensions.code, field).toBe('FORBIDDEN');
      expect(body.errors?.[0]?.message, field).toMatch(/API key "provisioner" may not read \w+: it needs the read scope/);
    }
    expect(g.calls()).toHaveLength(0);
  });

  it('a read-only key still reads', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer read-only-key' },
      body: JSON.stringify({ query: '{ providers { id } }' }),
    });
    const body = (await response.json()) as { data?: { providers: unknown[] }; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    expect(body.data?.providers).toHaveLength(5);
  });
});
