// The GitBook adapter against its simulator over real HTTP: reads, paging, batches, native writes, errors, ids, breaker.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGitBookAdapter } from '../../src/providers/gitbook/index.js';
import type { CallEvent, HttpTuning } from '../../src/providers/http.js';
import { ProviderError, type GroupRef, type MemberRecord, type Page, type PageRequest, type ProviderAdapter } from '../../src/providers/types.js';
import { SimServer } from '../../src/sandbox/core/sim-server.js';
import { createGitBookSimulator } from '../../src/sandbox/gitbook/index.js';

const sim = createGitBookSimulator();
const server = new SimServer(sim);
const FAST: HttpTuning = { timeouts: { headersMs: 300, deadlineMs: 1500 }, retry: { baseDelayMs: 5 } };
let adapter: ProviderAdapter;
const extra: Array<{ close(): Promise<unknown> | undefined }> = [];

function another(options: { token?: string; http?: HttpTuning; baseUrl?: string } = {}): ProviderAdapter {
  const made = createGitBookAdapter({ baseUrl: options.baseUrl ?? server.baseUrl, token: options.token ?? 'sandbox-token', http: options.http ?? FAST });
  extra.push(made);
  return made;
}

const ids = () => sim.ids;
const orgId = () => ids().mainOrganizationId;
const mainOrg = () => sim.world.orgs.get(orgId())!;
const bigTeam = (): GroupRef => ({ organizationId: orgId(), groupId: ids().largeTeamId });
const emptyTeam = (): GroupRef => ({ organizationId: orgId(), groupId: ids().emptyTeamId });
const teamState = (ref: GroupRef) => mainOrg().teams.get(ref.groupId)!.members;
const sortedBigTeamIds = () => [...teamState(bigTeam()).keys()].sort();
function outsiders(count: number): string[] {
  const inTeams = new Set([...mainOrg().teams.values()].flatMap((t) => [...t.members.keys()]));
  return [...mainOrg().members.keys()].filter((id) => !inTeams.has(id) && sim.world.users.get(id)?.email).slice(0, count);
}
const emailOf = (userId: string) => sim.world.users.get(userId)!.email!;
const routes = () => server.log.list().map((e) => `${e.method} ${e.route}`);
const TEAM_MEMBERS = 'GET /v1/orgs/{organizationId}/teams/{teamId}/members';
const BULK = 'PUT /v1/orgs/{organizationId}/teams/{teamId}/members';

async function walk<T>(list: (page: PageRequest) => Promise<Page<T>>, size: number): Promise<{ items: T[]; pages: number; totals: Set<number | null> }> {
  const items: T[] = [];
  const totals = new Set<number | null>();
  let after: string | null = null;
  for (let pages = 1; pages < 5000; pages++) {
    const page: Page<T> = await list({ after, size });
    items.push(...page.items);
    totals.add(page.totalCount);
    if (page.next === null) return { items, pages, totals };
    after = page.next;
  }
  throw new Error('paging did not end');
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(ProviderError);
  return outcome as ProviderError;
}

beforeAll(async () => {
  await server.start();
  adapter = createGitBookAdapter({ baseUrl: server.baseUrl, token: 'sandbox-token', http: FAST });
});
afterAll(async () => {
  await Promise.all([adapter.close(), ...extra.map((a) => a.close())]);
  await server.stop();
});
beforeEach(() => server.reset());

describe('identity and capabilities', () => {
  it('says what GitBook can do', () => {
    expect(adapter).toMatchObject({ id: 'GITBOOK', name: 'GitBook' });
    expect(adapter.capabilities).toMatchObject({
      organizations: 'list',
      groupKind: 'team',
      hierarchy: false,
      organizationMembers: true,
      memberRoles: true,
      pagination: 'cursor',
      maxPageSize: 1000,
      maxBulkSize: 1000,
      filters: { status: false, emailContains: false, groupName: true },
      writes: {
        addMember: true,
        addMembersBulk: true,
        removeMember: true,
        removeMembersBulk: true,
        setMemberRole: true,
        refsByEmail: true,
        replaceMembers: false,
        createMember: false,
      },
    });
    expect(adapter.replaceMembers).toBeUndefined();
    expect(adapter.createMember).toBeUndefined();
  });
});

describe('organizations', () => {
  it('lists organizations with a total, and pages at size 1', async () => {
    const { items, pages, totals } = await walk((page) => adapter.listOrganizations(page), 1);
    expect(pages).toBe(2);
    expect(totals).toEqual(new Set([2]));
    expect(items.map((o) => o.id).sort()).toEqual([ids().mainOrganizationId, ids().smallOrganizationId].sort());
    const main = items.find((o) => o.id === orgId())!;
    expect(main).toMatchObject({ provider: 'GITBOOK', name: 'Acme Documentation', raw: { object: 'organization', id: orgId() } });
  });

  it('reads up to 3 organizations with one GET each, more from the list, in order with NOT_FOUND in place', async () => {
    const two = await adapter.getOrganizations([ids().smallOrganizationId, 'nope', ids().smallOrganizationId]);
    expect(two.map((r) => (r instanceof ProviderError ? r.kind : r.id))).toEqual([ids().smallOrganizationId, 'NOT_FOUND', ids().smallOrganizationId]);
    expect(server.log.count({ route: '/v1/orgs/{organizationId}' })).toBe(2);
    server.log.clear();
    const many = await adapter.getOrganizations(['a1', orgId(), 'b2', ids().smallOrganizationId]);
    expect(many.map((r) => (r instanceof ProviderError ? r.kind : r.name))).toEqual(['NOT_FOUND', 'Acme Documentation', 'NOT_FOUND', 'Side Project']);
    expect(routes()).toEqual(['GET /v1/orgs']);
  });
});

describe('teams', () => {
  it('lists teams with the title filter on the server, and maps them', async () => {
    const page = await adapter.listGroups(orgId(), { size: 100 }, { name: 'everyone' });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      provider: 'GITBOOK',
      organizationId: orgId(),
      id: ids().largeTeamId,
      kind: 'team',
      name: 'Everyone',
      memberCount: 1200,
      parentId: null,
      path: null,
    });
    expect(page.items[0]!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    expect(server.log.list()[0]!.path).toBe(`/v1/orgs/${orgId()}/teams`);
    const all = await walk((p) => adapter.listGroups(orgId(), p), 5);
    expect(all.items).toHaveLength(12);
    expect(all.pages).toBe(3);
  });

  it('reads up to 3 teams with a GET each and more with one list call', async () => {
    const teamIds = [...mainOrg().teams.keys()];
    const few = await adapter.getGroups(orgId(), [teamIds[2]!, 'missing-team']);
    expect(few.map((r) => (r instanceof ProviderError ? r.kind : r.id))).toEqual([teamIds[2], 'NOT_FOUND']);
    expect(server.log.count({ route: '/v1/orgs/{organizationId}/teams/{teamId}' })).toBe(2);
    server.log.clear();
    const wanted = [...teamIds.slice(0, 6).reverse(), 'missing-team'];
    const many = await adapter.getGroups(orgId(), wanted);
    expect(many.map((r) => (r instanceof ProviderError ? r.kind : r.id))).toEqual([...teamIds.slice(0, 6).reverse(), 'NOT_FOUND']);
    expect(routes()).toEqual(['GET /v1/orgs/{organizationId}/teams']);
  });
});

describe('team members', () => {
  it.each([1, 7, 100, 1000])('walks the 1,200-member team to the end at size %i', async (size) => {
    const { items, pages, totals } = await walk((p) => adapter.listGroupMembers(bigTeam(), p), size);
    expect(items).toHaveLength(1200);
    expect(new Set(items.map((m) => m.memberId)).size).toBe(1200);
    expect(items.map((m) => m.memberId).sort()).toEqual(sortedBigTeamIds());
    expect(pages).toBe(Math.ceil(1200 / size));
    expect(totals).toEqual(new Set([1200]));
    expect(server.log.count({ route: TEAM_MEMBERS.slice(4) })).toBe(pages);
  });

  it('clamps a page size above 1,000', async () => {
    const page = await adapter.listGroupMembers(bigTeam(), { size: 5000 });
    expect(page.items).toHaveLength(1000);
    expect(page.next).not.toBeNull();
  });

  it('maps members: ids, e-mail, name, role, status, timestamps, raw', async () => {
    const { items } = await walk((p) => adapter.listGroupMembers(bigTeam(), p), 1000);
    const byId = new Map(items.map((m) => [m.memberId, m]));
    const state = teamState(bigTeam());
    const owner = [...state].find(([, role]) => role === 'owner')![0];
    expect(byId.get(owner)!.role).toBe('OWNER');
    const plain = [...state].find(([, role]) => role === 'member')![0];
    expect(byId.get(plain)!.role).toBe('MEMBER');
    const disabled = [...state.keys()].find((id) => mainOrg().members.get(id)!.disabled)!;
    expect(byId.get(disabled)!.status).toBe('BLOCKED');
    expect(byId.get(plain)!.status).toBe(mainOrg().members.get(plain)!.disabled ? 'BLOCKED' : 'ACTIVE');
    const unseen = [...state.keys()].find((id) => mainOrg().members.get(id)!.lastSeenAt === null)!;
    expect(byId.get(unseen)!.lastLoginAt).toBeNull();
    const noEmail = [...state.keys()].find((id) => sim.world.users.get(id)!.email === null)!;
    expect(byId.get(noEmail)!.email).toBeNull();

    const member: MemberRecord = byId.get(plain)!;
    const org = mainOrg().members.get(plain)!;
    const user = sim.world.users.get(plain)!;
    expect(member).toMatchObject({
      provider: 'GITBOOK',
      organizationId: orgId(),
      groupId: ids().largeTeamId,
      memberId: plain,
      userId: plain,
      email: user.email,
      displayName: user.displayName,
      firstName: null,
      lastName: null,
      username: null,
      mfaEnabled: null,
      joinedAt: new Date(org.joinedAt).toISOString(),
      createdAt: null,
      updatedAt: null,
    });
    expect(member.raw).toMatchObject({ organization: { id: plain }, team: { role: 'member' }, permissions: { view: true } });
  });

  it('serves an empty team as one empty page', async () => {
    expect(await adapter.listGroupMembers(emptyTeam(), { size: 50 })).toEqual({ items: [], next: null, totalCount: 0 });
  });

  it('reads 5 members on the first 1,000 in one call; ids further on or unknown cost at most two', async () => {
    const sorted = sortedBigTeamIds();
    const five = [sorted[10]!, sorted[500]!, sorted[3]!, sorted[999]!, sorted[0]!];
    const read = await adapter.getGroupMembers(bigTeam(), five);
    expect(read.map((r) => (r instanceof ProviderError ? r.kind : r.memberId))).toEqual(five);
    expect(server.log.count()).toBe(1);
    server.log.clear();
    const mixed = await adapter.getGroupMembers(bigTeam(), [sorted[1100]!, 'nobody', '../x', sorted[2]!]);
    expect(mixed.map((r) => (r instanceof ProviderError ? r.kind : r.memberId))).toEqual([sorted[1100], 'NOT_FOUND', 'INVALID', sorted[2]]);
    expect(server.log.count({ route: TEAM_MEMBERS.slice(4) })).toBe(2);
    expect(server.log.count()).toBe(2);
  });

  it('reads nothing for a batch of only malformed ids', async () => {
    const read = await adapter.getGroupMembers(bigTeam(), ['a/b', '..']);
    expect(read.map((r) => (r as ProviderError).kind)).toEqual(['INVALID', 'INVALID']);
    expect(server.log.count()).toBe(0);
  });
});

describe('organization members', () => {
  it('lists all 1,310 organization members with no team role', async () => {
    const { items, pages, totals } = await walk((p) => adapter.listOrganizationMembers(orgId(), p), 1000);
    expect(pages).toBe(2);
    expect(totals).toEqual(new Set([1310]));
    expect(new Set(items.map((m) => m.memberId))).toEqual(new Set(mainOrg().members.keys()));
    for (const member of items) expect(member).toMatchObject({ groupId: null, role: null, organizationId: orgId() });
    expect(items.filter((m) => m.status === 'BLOCKED').length).toBe([...mainOrg().members.values()].filter((m) => m.disabled).length);
  });

  it('reads up to 3 members with GET /members/{userId} and more through the list', async () => {
    const memberIds = [...mainOrg().members.keys()].sort();
    const three = await adapter.getOrganizationMembers(orgId(), [memberIds[5]!, 'ghost', memberIds[7]!]);
    expect(three.map((r) => (r instanceof ProviderError ? r.kind : r.memberId))).toEqual([memberIds[5], 'NOT_FOUND', memberIds[7]]);
    expect(routes()).toEqual(Array(3).fill('GET /v1/orgs/{organizationId}/members/{userId}'));
    server.log.clear();
    const wanted = [memberIds[1]!, memberIds[2]!, memberIds[3]!, memberIds[4]!, memberIds[900]!];
    const five = await adapter.getOrganizationMembers(orgId(), wanted);
    expect(five.map((r) => (r instanceof ProviderError ? r.kind : r.memberId))).toEqual(wanted);
    expect(routes()).toEqual(['GET /v1/orgs/{organizationId}/members']);
  });
});

describe('native writes', () => {
  it('adds 10 users with exactly one bulk PUT, and classifies ADDED vs ALREADY_MEMBER from one read', async () => {
    const newcomers = outsiders(8);
    const existing = sortedBigTeamIds().slice(0, 2);
    const refs = [...newcomers.map((memberId) => ({ memberId })), ...existing.map((memberId) => ({ memberId }))];
    const changes = await adapter.addMembers!(bigTeam(), refs);
    expect(changes.map((c) => c.status)).toEqual([...Array(8).fill('ADDED'), 'ALREADY_MEMBER', 'ALREADY_MEMBER']);
    expect(changes.map((c) => c.ref)).toEqual(refs);
    expect(server.log.count({ method: 'PUT' })).toBe(1);
    expect(routes().filter((r) => r === BULK)).toHaveLength(1);
    for (const id of newcomers) expect(teamState(bigTeam()).get(id)).toBe('member');
    const team = (await adapter.getGroups(orgId(), [ids().largeTeamId]))[0];
    expect(team).toMatchObject({ memberCount: 1208 });
  });

  it('adds by e-mail with a role (memberships), and re-adding existing members as OWNER promotes them', async () => {
    const [a, b] = outsiders(2) as [string, string];
    const changes = await adapter.addMembers!(emptyTeam(), [{ email: emailOf(a) }, { memberId: b }], 'OWNER');
    expect(changes.map((c) => c.status)).toEqual(['ADDED', 'ADDED']);
    expect([...teamState(emptyTeam())]).toEqual(
      expect.arrayContaining([
        [a, 'owner'],
        [b, 'owner'],
      ]),
    );
    const again = await adapter.addMembers!(emptyTeam(), [{ email: emailOf(a).toUpperCase() }], 'MEMBER');
    expect(again).toEqual([{ ref: { email: emailOf(a).toUpperCase() }, status: 'ALREADY_MEMBER' }]);
    expect(teamState(emptyTeam()).get(a)).toBe('member');
    const single = await adapter.addMember!(emptyTeam(), { memberId: outsiders(3)[2]! });
    expect(single.status).toBe('ADDED');
    expect(teamState(emptyTeam()).size).toBe(3);
  });

  it('refuses the whole bulk add when one ref is not an organization member, and applies nothing', async () => {
    const [a] = outsiders(1) as [string];
    const error = await failure(adapter.addMembers!(emptyTeam(), [{ memberId: a }, { email: 'stranger@elsewhere.example' }]));
    expect(error.kind).toBe('INVALID');
    expect(error.message).toContain('stranger@elsewhere.example');
    expect(teamState(emptyTeam()).size).toBe(0);
  });

  it('removes with one bulk PUT, sends only current members, and reports NOT_A_MEMBER for the rest', async () => {
    const [first, second] = sortedBigTeamIds() as [string, string];
    const [outsider] = outsiders(1) as [string];
    const refs = [{ memberId: first }, { email: emailOf(second) }, { memberId: outsider }, { email: 'stranger@elsewhere.example' }];
    const changes = await adapter.removeMembers!(bigTeam(), refs);
    expect(changes.map((c) => c.status)).toEqual(['REMOVED', 'REMOVED', 'NOT_A_MEMBER', 'NOT_A_MEMBER']);
    expect(server.log.count({ method: 'PUT' })).toBe(1);
    expect(teamState(bigTeam()).has(first)).toBe(false);
    expect(teamState(bigTeam()).has(second)).toBe(false);
    expect(teamState(bigTeam()).size).toBe(1198);
    server.log.clear();
    const none = await adapter.removeMembers!(bigTeam(), [{ memberId: first }]);
    expect(none).toEqual([{ ref: { memberId: first }, status: 'NOT_A_MEMBER' }]);
    expect(server.log.count({ method: 'PUT' })).toBe(0);
  });

  it('removes one member with DELETE: 205 is REMOVED, 204 is NOT_A_MEMBER', async () => {
    const [someone] = sortedBigTeamIds() as [string];
    expect(await adapter.removeMember!(bigTeam(), { memberId: someone })).toEqual({ ref: { memberId: someone }, status: 'REMOVED' });
    expect(await adapter.removeMember!(bigTeam(), { memberId: someone })).toEqual({ ref: { memberId: someone }, status: 'NOT_A_MEMBER' });
    expect(server.log.list().map((e) => e.status)).toEqual([205, 204]);
    expect(routes()).toEqual(Array(2).fill('DELETE /v1/orgs/{organizationId}/teams/{teamId}/members/{userId}'));
    expect(teamState(bigTeam()).has(someone)).toBe(false);
    const byEmail = sortedBigTeamIds()[0]!;
    expect((await adapter.removeMember!(bigTeam(), { email: emailOf(byEmail) })).status).toBe('REMOVED');
    expect(teamState(bigTeam()).has(byEmail)).toBe(false);
  });

  it("sets a member's role after confirming membership; NOT_FOUND (and no PUT) for a non-member", async () => {
    const plain = [...teamState(bigTeam())].find(([, role]) => role === 'member')![0];
    await adapter.setMemberRole!(bigTeam(), plain, 'OWNER');
    expect(teamState(bigTeam()).get(plain)).toBe('owner');
    expect(server.log.count({ method: 'PUT', route: '/v1/orgs/{organizationId}/teams/{teamId}/members/{userId}' })).toBe(1);
    const [member] = (await adapter.getGroupMembers(bigTeam(), [plain])) as MemberRecord[];
    expect(member!.role).toBe('OWNER');
    server.log.clear();
    const [outsider] = outsiders(1) as [string];
    const error = await failure(adapter.setMemberRole!(bigTeam(), outsider, 'OWNER'));
    expect(error.kind).toBe('NOT_FOUND');
    expect(server.log.count({ method: 'PUT' })).toBe(0);
    expect(teamState(bigTeam()).has(outsider)).toBe(false);
  });

  it('retries an idempotent bulk PUT after a 503 (every GitBook call is idempotent)', async () => {
    server.faults.add({ kind: 'error', status: 503, times: 1, match: { method: 'PUT', route: '/v1/orgs/{organizationId}/teams/{teamId}/members' } });
    const [a] = outsiders(1) as [string];
    const changes = await adapter.addMembers!(emptyTeam(), [{ memberId: a }]);
    expect(changes[0]!.status).toBe('ADDED');
    expect(
      server.log
        .list()
        .filter((e) => e.method === 'PUT')
        .map((e) => e.status),
    ).toEqual([503, 204]);
    expect(teamState(emptyTeam()).has(a)).toBe(true);
  });

  it('refuses more than maxBulkSize refs and malformed refs before any call', async () => {
    const tooMany = Array.from({ length: 1001 }, (_, i) => ({ memberId: `u${i}` }));
    expect((await failure(adapter.addMembers!(bigTeam(), tooMany))).kind).toBe('INVALID');
    expect((await failure(adapter.removeMembers!(bigTeam(), [{ memberId: 'a/b' }]))).kind).toBe('INVALID');
    expect((await failure(adapter.addMember!(bigTeam(), { email: 'not-an-email' }))).kind).toBe('INVALID');
    expect((await failure(adapter.setMemberRole!(bigTeam(), '..', 'OWNER'))).kind).toBe('INVALID');
    expect(await adapter.addMembers!(bigTeam(), [])).toEqual([]);
    expect(server.log.count()).toBe(0);
  });
});

describe('errors', () => {
  it('401 is UNAUTHENTICATED and the token never shows in the message', async () => {
    const error = await failure(another({ token: 'wrong-secret-token' }).listOrganizations({ size: 5 }));
    expect(error).toMatchObject({ kind: 'UNAUTHENTICATED', status: 401 });
    expect(error.message).not.toContain('wrong-secret-token');
  });

  it('403 on a write with the read-only token is FORBIDDEN, and nothing changes', async () => {
    const readOnly = another({ token: 'sandbox-readonly-token' });
    const [a] = outsiders(1) as [string];
    expect((await readOnly.listGroupMembers(bigTeam(), { size: 1 })).items).toHaveLength(1);
    const error = await failure(readOnly.addMembers!(emptyTeam(), [{ memberId: a }]));
    expect(error).toMatchObject({ kind: 'FORBIDDEN', status: 403 });
    expect(teamState(emptyTeam()).size).toBe(0);
  });

  it('404 on an unknown organization or team is NOT_FOUND with the provider message', async () => {
    const error = await failure(adapter.listGroups('no-such-org', { size: 5 }));
    expect(error).toMatchObject({ kind: 'NOT_FOUND', status: 404, route: 'GET /v1/orgs/{organizationId}/teams' });
    expect(error.message).toContain('no-such-org');
    expect((await failure(adapter.listGroupMembers({ organizationId: orgId(), groupId: 'no-team' }, { size: 5 }))).kind).toBe('NOT_FOUND');
    expect((await failure(adapter.getGroupMembers({ organizationId: orgId(), groupId: 'no-team' }, ['x']))).kind).toBe('NOT_FOUND');
    expect((await failure(adapter.removeMember!(bigTeam(), { memberId: 'not-in-org' }))).kind).toBe('NOT_FOUND');
  });

  it('409 is CONFLICT, and a 400 (a tampered page token) is INVALID', async () => {
    server.faults.add({ kind: 'error', status: 409, times: 1 });
    expect((await failure(adapter.listOrganizations({ size: 5 }))).kind).toBe('CONFLICT');
    const error = await failure(adapter.listGroupMembers(bigTeam(), { size: 5, after: 'tampered' }));
    expect(error).toMatchObject({ kind: 'INVALID', status: 400 });
  });

  it('waits out a 429 with Retry-After when it fits the deadline, and succeeds', async () => {
    server.faults.add({ kind: 'rateLimit', retryAfter: 1, times: 1 });
    const started = Date.now();
    const page = await another({ http: { retry: { baseDelayMs: 5 } } }).listOrganizations({ size: 5 });
    expect(page.items).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(server.log.list().map((e) => e.status)).toEqual([429, 200]);
  });

  it('gives RATE_LIMITED with retryAfter when the wait does not fit the deadline', async () => {
    server.faults.add({ kind: 'rateLimit', retryAfter: 30, times: 1 });
    const error = await failure(adapter.listOrganizations({ size: 5 }));
    expect(error).toMatchObject({ kind: 'RATE_LIMITED', retryAfter: 30, status: 429 });
    expect(server.log.count()).toBe(1);
  });

  describe("with the simulator's own rate limit (X-RateLimit-* headers, no Retry-After)", () => {
    it('waits until X-RateLimit-Reset when that fits, then succeeds', async () => {
      const limited = await new SimServer(createGitBookSimulator({ rateLimit: { limit: 2, windowSeconds: 1 } })).start();
      try {
        const client = another({ baseUrl: limited.baseUrl, http: { retry: { baseDelayMs: 5 }, timeouts: { deadlineMs: 5000 } } });
        for (let i = 0; i < 3; i++) expect((await client.listOrganizations({ size: 5 })).items).toHaveLength(2);
        const statuses = limited.log.list().map((e) => e.status);
        expect(statuses.filter((s) => s === 200)).toHaveLength(3);
        expect(statuses).toContain(429);
      } finally {
        await limited.stop();
      }
    });

    it('is RATE_LIMITED with retryAfter from X-RateLimit-Reset when the window is long', async () => {
      const limited = await new SimServer(createGitBookSimulator({ rateLimit: { limit: 1, windowSeconds: 60 } })).start();
      try {
        const client = another({ baseUrl: limited.baseUrl });
        await client.listOrganizations({ size: 5 });
        const error = await failure(client.listOrganizations({ size: 5 }));
        expect(error.kind).toBe('RATE_LIMITED');
        expect(error.retryAfter).toBeGreaterThanOrEqual(58);
        expect(error.retryAfter).toBeLessThanOrEqual(61);
        expect(error.message).toContain('API rate limit exceeded');
      } finally {
        await limited.stop();
      }
    });
  });

  it('recovers from a 503 by retrying', async () => {
    server.faults.add({ kind: 'error', status: 503, times: 2, match: { route: '/v1/orgs/{organizationId}/teams' } });
    const page = await adapter.listGroups(orgId(), { size: 3 });
    expect(page.items).toHaveLength(3);
    expect(server.log.list().map((e) => e.status)).toEqual([503, 503, 200]);
  });

  it('is UNAVAILABLE after a 5xx exhausts the retries', async () => {
    server.faults.add({ kind: 'error', status: 502, times: 3 });
    const error = await failure(another().listOrganizations({ size: 5 }));
    expect(error).toMatchObject({ kind: 'UNAVAILABLE', status: 502 });
    expect(server.log.count()).toBe(3);
  });

  it('times out a hanging call as UNAVAILABLE within the deadline', async () => {
    server.faults.add({ kind: 'hang', match: { route: '/v1/orgs/{organizationId}/members/{userId}' } });
    const started = Date.now();
    const error = await failure(another().getOrganizationMembers(orgId(), [[...mainOrg().members.keys()][0]!]));
    expect(error.kind).toBe('UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('is BAD_RESPONSE for a body that is not JSON, and names the field for a wrong shape', async () => {
    server.faults.add({ kind: 'malformed', times: 1 });
    expect((await failure(adapter.listOrganizations({ size: 5 }))).kind).toBe('BAD_RESPONSE');
    (mainOrg().teams.get(ids().emptyTeamId) as unknown as { title: unknown }).title = 42;
    const error = await failure(
      adapter.getGroups(orgId(), [ids().emptyTeamId]).then((r) => {
        throw r[0];
      }),
    );
    expect(error.kind).toBe('BAD_RESPONSE');
    expect(error.field).toBe('title');
  });
});

describe('ids stay inside their path segment', () => {
  it('rejects malformed organization and team ids before any call', async () => {
    for (const id of ['../x', 'a/b', '%2F', '..', '']) {
      expect((await failure(adapter.listGroups(id, { size: 1 }))).kind, id).toBe('INVALID');
      expect((await failure(adapter.listGroupMembers({ organizationId: orgId(), groupId: id }, { size: 1 }))).kind, id).toBe('INVALID');
      const [slot] = await adapter.getGroups(orgId(), [id]);
      expect((slot as ProviderError).kind, id).toBe('INVALID');
    }
    expect(server.log.count()).toBe(0);
  });

  it('rejects user ids that could climb, and sends the rest encoded onto the right route', async () => {
    for (const id of ['../x', 'a/b', '..', '.', 'x'.repeat(129)]) {
      const [slot] = await adapter.getOrganizationMembers(orgId(), [id]);
      expect((slot as ProviderError).kind, id).toBe('INVALID');
    }
    expect(server.log.count()).toBe(0);
    const odd = ['%2F', '..%2Fteams', 'a b?c#d', 'é'];
    const read = await adapter.getOrganizationMembers(orgId(), odd.slice(0, 3));
    expect(read.map((r) => (r as ProviderError).kind)).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
    await adapter.removeMember!(bigTeam(), { memberId: odd[3]! }).catch(() => undefined);
    const log = server.log.list();
    expect(log.map((e) => e.route)).toEqual([
      ...Array(3).fill('/v1/orgs/{organizationId}/members/{userId}'),
      '/v1/orgs/{organizationId}/teams/{teamId}/members/{userId}',
    ]);
    expect(log.map((e) => e.path.split('/').pop())).toEqual(['%252F', '..%252Fteams', 'a%20b%3Fc%23d', '%C3%A9']);
  });
});

describe('observers and the breaker', () => {
  it('tells observers exactly the calls the simulator logged', async () => {
    const calls: CallEvent[] = [];
    const stop = adapter.observe((event) => calls.push(event));
    await adapter.listGroups(orgId(), { size: 2 });
    await adapter.getGroupMembers(bigTeam(), ['nobody']);
    stop();
    expect(calls.map((c) => `${c.method} ${c.route} ${c.status}`)).toEqual(server.log.list().map((e) => `${e.method} ${e.route} ${e.status}`));
    expect(calls).toHaveLength(3);
  });

  it('opens the circuit after repeated failures and then fails fast without calling', async () => {
    const fragile = another({ http: { retry: { attempts: 1 }, breaker: { failureThreshold: 3, resetAfterMs: 60_000 } } });
    server.faults.add({ kind: 'error', status: 500 });
    for (let i = 0; i < 3; i++) expect((await failure(fragile.listOrganizations({ size: 1 }))).kind).toBe('UNAVAILABLE');
    expect(fragile.breakerState()).toBe('open');
    const before = server.log.count();
    const error = await failure(fragile.listOrganizations({ size: 1 }));
    expect(error.kind).toBe('UNAVAILABLE');
    expect(error.message).toContain('circuit open');
    expect(server.log.count()).toBe(before);
    expect(adapter.breakerState()).toBe('closed');
  });
});
