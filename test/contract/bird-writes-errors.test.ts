// The Bird adapter's writes and error mapping against its simulator: add/remove, faults, retries, breaker.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBirdAdapter } from '../../src/providers/bird/index.js';
import { ProviderError, type GroupRecord, type MemberRecord, type ProviderAdapter } from '../../src/providers/types.js';
import { SimServer } from '../../src/sandbox/core/sim-server.js';
import { createBirdSimulator, type BirdSimulator } from '../../src/sandbox/bird/index.js';

const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';
const TEAMS = '/organizations/{organizationId}/teams';
const TEAM = '/organizations/{organizationId}/teams/{teamId}';
const MEMBERS = '/organizations/{organizationId}/teams/{teamId}/members';
const MEMBER = '/organizations/{organizationId}/teams/{teamId}/members/{teamMemberId}';
const FAST = { timeouts: { headersMs: 300, deadlineMs: 1500 }, retry: { baseDelayMs: 5 } };

let sim: BirdSimulator;
let server: SimServer;
let adapter: ProviderAdapter;
const extra: ProviderAdapter[] = [];

function makeAdapter(accessKey = 'sandbox-token', http: object = FAST): ProviderAdapter {
  const made = createBirdAdapter({ baseUrl: server.baseUrl, accessKey, organizationId: sim.organizationId, http });
  extra.push(made);
  return made;
}

beforeAll(async () => {
  sim = createBirdSimulator();
  server = await new SimServer(sim).start();
});
afterAll(async () => {
  await Promise.all(extra.map((a) => a.close()));
  await server.stop();
});
beforeEach(() => {
  server.reset();
  // A fresh adapter per test: the failures one test provokes must not open the breaker for the next.
  adapter = makeAdapter();
});

const org = () => sim.organizationId;
const team = (name: string) => sim.snapshot().teams.find((t) => t.name === name) as ReturnType<BirdSimulator['snapshot']>['teams'][number];
const ref = (name: string) => ({ organizationId: org(), groupId: team(name).id });
const outsider = (name: string) => {
  const inTeam = new Set(team(name).members.map((m) => m.id));
  return sim.snapshot().userIds.find((id) => !inTeam.has(id)) as string;
};
const failure = (promise: Promise<unknown>): Promise<ProviderError> =>
  promise.then(
    () => {
      throw new Error('expected a ProviderError');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(ProviderError);
      return error as ProviderError;
    },
  );
const readGroup = async (name: string) => (await adapter.getGroups(org(), [team(name).id]))[0] as GroupRecord;

describe('addMember', () => {
  it('adds to an open team (ACTIVE), and the team reads back one bigger', async () => {
    const user = outsider('Sales');
    const before = await readGroup('Sales');
    expect(await adapter.addMember?.(ref('Sales'), { memberId: user })).toEqual({ ref: { memberId: user }, status: 'ADDED' });
    const [member] = await adapter.getGroupMembers(ref('Sales'), [user]);
    expect((member as MemberRecord).status).toBe('ACTIVE');
    expect((await readGroup('Sales')).memberCount).toBe((before.memberCount as number) + 1);
    expect(server.log.count({ method: 'POST', route: MEMBERS })).toBe(1);
  });

  it('adds to an invite-only team as INVITED', async () => {
    const user = outsider('Security');
    expect((await adapter.addMember?.(ref('Security'), { memberId: user }))?.status).toBe('ADDED');
    const [member] = await adapter.getGroupMembers(ref('Security'), [user]);
    expect((member as MemberRecord).status).toBe('INVITED');
  });

  it('maps 409 to ALREADY_MEMBER, with one POST', async () => {
    const existing = team('All Hands').members.find((m) => m.status === 'invited')?.id as string;
    expect(await adapter.addMember?.(ref('All Hands'), { memberId: existing })).toEqual({ ref: { memberId: existing }, status: 'ALREADY_MEMBER' });
    expect(server.log.list().map((e) => [e.method, e.status])).toEqual([['POST', 409]]);
  });

  it('is NOT_FOUND for a user outside the directory or a missing team', async () => {
    expect((await failure(adapter.addMember!(ref('Sales'), { memberId: UNKNOWN_UUID }))).kind).toBe('NOT_FOUND');
    const missing = await failure(adapter.addMember!({ organizationId: org(), groupId: UNKNOWN_UUID }, { memberId: outsider('Sales') }));
    expect(missing).toMatchObject({ kind: 'NOT_FOUND', status: 404 });
    expect(missing.message).toContain('team_not_found');
  });

  it('refuses e-mail refs and the OWNER role with UNSUPPORTED, and bad ids with INVALID, before any call', async () => {
    expect((await failure(adapter.addMember!(ref('Sales'), { email: 'a@b.example' }))).kind).toBe('UNSUPPORTED');
    expect((await failure(adapter.addMember!(ref('Sales'), { memberId: outsider('Sales') }, 'OWNER'))).kind).toBe('UNSUPPORTED');
    expect((await failure(adapter.addMember!(ref('Sales'), { memberId: 'a/b' }))).kind).toBe('INVALID');
    expect(server.log.list()).toHaveLength(0);
    expect((await adapter.addMember!(ref('Sales'), { memberId: outsider('Sales') }, 'MEMBER')).status).toBe('ADDED');
  });

  it('never retries the POST after a 503: one attempt logged, nothing added', async () => {
    const user = outsider('Sales');
    server.faults.add({ kind: 'error', status: 503, times: 1, match: { route: MEMBERS, method: 'POST' } });
    const error = await failure(adapter.addMember!(ref('Sales'), { memberId: user }));
    expect(error).toMatchObject({ kind: 'UNAVAILABLE', status: 503 });
    expect(server.log.list().map((e) => `${e.method} ${e.route} ${e.status}`)).toEqual([`POST ${MEMBERS} 503`]);
    expect(team('Sales').members.some((m) => m.id === user)).toBe(false);
  });

  it('never resends the POST after a hang: UNAVAILABLE with outcomeUnknown, one attempt logged', async () => {
    server.faults.add({ kind: 'hang', times: 1, match: { route: MEMBERS, method: 'POST' } });
    const error = await failure(adapter.addMember!(ref('Sales'), { memberId: outsider('Sales') }));
    expect(error.kind).toBe('UNAVAILABLE');
    expect(error.outcomeUnknown).toBe(true);
    expect(server.log.count({ method: 'POST' })).toBe(1);
  });
});

describe('removeMember', () => {
  it('removes (REMOVED), reads back NOT_FOUND, then NOT_A_MEMBER on a repeat', async () => {
    const user = team('Design').members[0]?.id as string;
    expect(await adapter.removeMember?.(ref('Design'), { memberId: user })).toEqual({ ref: { memberId: user }, status: 'REMOVED' });
    const [read] = await adapter.getGroupMembers(ref('Design'), [user]);
    expect((read as ProviderError).kind).toBe('NOT_FOUND');
    expect((await adapter.removeMember?.(ref('Design'), { memberId: user }))?.status).toBe('NOT_A_MEMBER');
    expect((await readGroup('Design')).memberCount).toBe(team('Design').members.length);
    expect(team('Design').members).toHaveLength(10);
  });

  it('is NOT_FOUND (not NOT_A_MEMBER) when the team does not exist', async () => {
    const error = await failure(adapter.removeMember!({ organizationId: org(), groupId: UNKNOWN_UUID }, { memberId: outsider('Sales') }));
    expect(error).toMatchObject({ kind: 'NOT_FOUND', status: 404 });
  });

  it('retries the idempotent DELETE after a 503', async () => {
    const user = team('Design').members[0]?.id as string;
    server.faults.add({ kind: 'error', status: 503, times: 1, match: { route: MEMBER, method: 'DELETE' } });
    expect((await adapter.removeMember?.(ref('Design'), { memberId: user }))?.status).toBe('REMOVED');
    expect(server.log.list().map((e) => e.status)).toEqual([503, 204]);
  });
});

describe('removeMember: a 404 is settled by reading the team, not by its code', () => {
  const calls = () => server.log.list().map((e) => `${e.method} ${e.route} ${e.status}`);

  it('a non-member: the DELETE 404, one read shows the team is there, NOT_A_MEMBER', async () => {
    const user = outsider('Design');
    expect(await adapter.removeMember?.(ref('Design'), { memberId: user })).toEqual({ ref: { memberId: user }, status: 'NOT_A_MEMBER' });
    expect(calls()).toEqual([`DELETE ${MEMBER} 404`, `GET ${TEAM} 200`]);
  });

  it('a 404 without `team_member_not_found` (an injected `not_found`) is NOT_A_MEMBER when the team exists', async () => {
    const user = team('Design').members[0]?.id as string;
    server.faults.add({ kind: 'error', status: 404, times: 1, match: { method: 'DELETE', route: MEMBER } });
    expect((await adapter.removeMember?.(ref('Design'), { memberId: user }))?.status).toBe('NOT_A_MEMBER');
    expect(calls()).toEqual([`DELETE ${MEMBER} 404`, `GET ${TEAM} 200`]);
    // The 404 was the answer: nothing was removed.
    expect(team('Design').members.some((m) => m.id === user)).toBe(true);
  });

  it('is NOT_FOUND when the read of the team is a 404 too, whatever the codes', async () => {
    server.faults.add({ kind: 'error', status: 404, times: 2 });
    const error = await failure(adapter.removeMember!(ref('Design'), { memberId: team('Design').members[0]?.id as string }));
    expect(error).toMatchObject({ kind: 'NOT_FOUND', status: 404 });
    expect(calls()).toEqual([`DELETE ${MEMBER} 404`, `GET ${TEAM} 404`]);
    const missing = await failure(adapter.removeMember!({ organizationId: org(), groupId: UNKNOWN_UUID }, { memberId: outsider('Sales') }));
    expect(missing).toMatchObject({ kind: 'NOT_FOUND', status: 404 });
  });

  it('a removal that succeeds costs no read', async () => {
    await adapter.removeMember?.(ref('Design'), { memberId: team('Design').members[0]?.id as string });
    expect(calls()).toEqual([`DELETE ${MEMBER} 204`]);
  });
});

describe('errors', () => {
  const list = (a: ProviderAdapter) => a.listGroups(org(), { size: 10 });

  it('maps 401 to UNAUTHENTICATED without the key in the message', async () => {
    const error = await failure(list(makeAdapter('wrong-secret-key')));
    expect(error).toMatchObject({ kind: 'UNAUTHENTICATED', status: 401 });
    expect(error.message).toContain('unauthorized');
    expect(error.message).not.toContain('wrong-secret-key');
  });

  it("maps the read-only key's 403 to FORBIDDEN on writes, while reads work", async () => {
    const readOnly = makeAdapter('sandbox-readonly-token');
    expect((await list(readOnly)).items.length).toBe(8);
    const error = await failure(readOnly.removeMember!(ref('Design'), { memberId: team('Design').members[0]?.id as string }));
    expect(error).toMatchObject({ kind: 'FORBIDDEN', status: 403 });
  });

  it('maps a 422 (a page token Bird refuses) to INVALID', async () => {
    const after = Buffer.from(JSON.stringify({ t: 'not-bird-token' })).toString('base64url');
    const error = await failure(adapter.listGroupMembers(ref('All Hands'), { after, size: 10 }));
    expect(error).toMatchObject({ kind: 'INVALID', status: 422 });
    expect(error.message).toContain('validation_error');
  });

  it('waits out a 429 Retry-After that fits the deadline, and succeeds', async () => {
    server.faults.add({ kind: 'rateLimit', retryAfter: 1, times: 1, match: { route: TEAMS } });
    const page = await makeAdapter('sandbox-token', { ...FAST, timeouts: { headersMs: 300, deadlineMs: 3000 } }).listGroups(org(), { size: 10 });
    expect(page.items).toHaveLength(8);
    expect(server.log.list().map((e) => e.status)).toEqual([429, 200]);
  });

  it('is RATE_LIMITED with retryAfter when the wait does not fit the deadline', async () => {
    server.faults.add({ kind: 'rateLimit', retryAfter: 5, match: { route: TEAMS } });
    const error = await failure(list(adapter));
    expect(error).toMatchObject({ kind: 'RATE_LIMITED', retryAfter: 5, status: 429 });
    expect(server.log.count()).toBe(1);
  });

  it('recovers from 5xx that a retry outlasts', async () => {
    server.faults.add({ kind: 'error', status: 503, times: 2, match: { route: TEAMS } });
    expect((await list(adapter)).items).toHaveLength(8);
    expect(server.log.list().map((e) => e.status)).toEqual([503, 503, 200]);
  });

  it('is UNAVAILABLE when 5xx exhausts the retries', async () => {
    server.faults.add({ kind: 'error', status: 502, match: { route: TEAMS } });
    const error = await failure(list(adapter));
    expect(error).toMatchObject({ kind: 'UNAVAILABLE', status: 502 });
    expect(error.message).toContain('internal_error');
    expect(server.log.count()).toBe(3);
  });

  it('times out a hanging read as UNAVAILABLE (retried, outcome known)', async () => {
    server.faults.add({ kind: 'hang', match: { route: MEMBERS } });
    const started = Date.now();
    const error = await failure(adapter.listGroupMembers(ref('All Hands'), { size: 10 }));
    expect(error.kind).toBe('UNAVAILABLE');
    expect(error.outcomeUnknown).toBe(false);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(server.log.count({ route: MEMBERS })).toBeGreaterThan(1);
  });

  it('turns a malformed body into BAD_RESPONSE', async () => {
    server.faults.add({ kind: 'malformed', times: 3, match: { route: MEMBERS } });
    expect((await failure(adapter.listGroupMembers(ref('All Hands'), { size: 10 }))).kind).toBe('BAD_RESPONSE');
  });

  it('opens the circuit after repeated failures, then fails fast with no call', async () => {
    const fragile = makeAdapter('sandbox-token', { ...FAST, breaker: { failureThreshold: 3, resetAfterMs: 60_000 } });
    server.faults.add({ kind: 'error', status: 500, match: { route: TEAMS } });
    for (let i = 0; i < 3; i++) expect((await failure(list(fragile))).kind).toBe('UNAVAILABLE');
    expect(fragile.breakerState()).toBe('open');
    const logged = server.log.count();
    const error = await failure(list(fragile));
    expect(error.kind).toBe('UNAVAILABLE');
    expect(error.message).toContain('circuit open');
    expect(server.log.count()).toBe(logged);
    expect(adapter.breakerState()).toBe('closed');
  });
});
