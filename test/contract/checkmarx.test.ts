// The Checkmarx adapter against its simulator over real HTTP: token handling, reads, batches, writes, errors.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCheckmarxAdapter, type CheckmarxAdapterConfig } from '../../src/providers/checkmarx/index.js';
import type { CallEvent } from '../../src/providers/http.js';
import { ProviderError, type GroupRef, type MemberRecord, type ProviderAdapter } from '../../src/providers/types.js';
import { SimServer } from '../../src/sandbox/core/sim-server.js';
import type { SimRequest, SimResponse, Simulator } from '../../src/sandbox/core/types.js';
import { CLIENT_SECRET, createCheckmarxSimulator, SEEDED } from '../../src/sandbox/checkmarx/index.js';

const sim = createCheckmarxSimulator();
/** What the adapter sent to each route that got past authentication (headers and bodies). */
const seen: Array<{ method: string; path: string; headers: SimRequest['headers']; body: string }> = [];
/** Lets a test answer a request itself (a body the real API could send but the simulator does not). */
let override: ((req: SimRequest, real: () => Promise<SimResponse>) => Promise<SimResponse | undefined>) | undefined;

const spied: Simulator = {
  name: sim.name,
  basePath: sim.basePath,
  caseInsensitiveRoutes: sim.caseInsensitiveRoutes,
  routes: sim.routes.map((route) => ({
    ...route,
    handler: async (req: SimRequest) => {
      seen.push({ method: req.method, path: req.path, headers: req.headers, body: req.bodyText });
      const real = async () => route.handler(req);
      return (await override?.(req, real)) ?? real();
    },
  })),
  authenticate: (req) => sim.authenticate(req),
  errorResponse: (status, message, error) => sim.errorResponse(status, message, error),
  decorate: (res, req) => sim.decorate?.(res, req),
  reset: () => sim.reset(),
  describe: () => sim.describe(),
};
const server = new SimServer(spied);

const ROUTES = {
  token: '/cxrestapi/auth/identity/connect/token',
  teams: '/cxrestapi/auth/Teams',
  teamUsers: '/cxrestapi/auth/Teams/{teamId}/Users',
  teamUser: '/cxrestapi/auth/Teams/{teamId}/Users/{userId}',
  users: '/cxrestapi/auth/Users',
  user: '/cxrestapi/auth/Users/{id}',
};
const ORG = 'cxserver';
const fast = { retry: { baseDelayMs: 5 } };
const opened: ProviderAdapter[] = [];

function adapterFor(overrides: Partial<CheckmarxAdapterConfig> = {}): ProviderAdapter {
  const adapter = createCheckmarxAdapter({ baseUrl: server.baseUrl, username: 'admin', password: 'sandbox', http: fast, ...overrides });
  opened.push(adapter);
  return adapter;
}

let admin: ProviderAdapter;
let viewer: ProviderAdapter;
const team = (id: number): GroupRef => ({ organizationId: ORG, groupId: String(id) });

/** `METHOD route status` of every request the simulator logged after `from`. */
function loggedSince(from: number): string[] {
  return server.log
    .list()
    .slice(from)
    .map((e) => `${e.method} ${e.route} ${e.status}`);
}
const mark = () => server.log.list().length;

async function caught(promise: Promise<unknown>): Promise<ProviderError> {
  const outcome = await promise.then(
    () => new Error('expected a ProviderError'),
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(ProviderError);
  return outcome as ProviderError;
}

async function memberIdsOf(teamId: number): Promise<string[]> {
  return (await admin.listGroupMembers(team(teamId), { size: 100 })).items.map((m) => m.memberId);
}

beforeAll(async () => {
  await server.start();
  admin = adapterFor();
  viewer = adapterFor({ username: 'viewer' });
});
afterAll(async () => {
  await Promise.all(opened.map((adapter) => adapter.close()));
  await server.stop();
});
beforeEach(() => {
  server.reset();
  seen.length = 0;
  override = undefined;
});

describe('identity and organization', () => {
  it('says what it is and what it can do', () => {
    expect(admin.id).toBe('CHECKMARX');
    expect(admin.name).toBe('Checkmarx');
    expect(admin.capabilities).toMatchObject({
      organizations: 'single',
      groupKind: 'team',
      hierarchy: true,
      organizationMembers: true,
      memberRoles: false,
      pagination: 'none',
    });
    expect(admin.capabilities.writes).toMatchObject({ addMember: true, removeMember: true, replaceMembers: true, addMembersBulk: false, refsByEmail: false });
    expect(admin.addMembers).toBeUndefined();
    expect(admin.setMemberRole).toBeUndefined();
  });

  it('knows the one server without a call', async () => {
    const before = mark();
    expect((await admin.listOrganizations({ size: 10 })).items).toEqual([{ provider: 'CHECKMARX', id: ORG, name: 'CxSAST server', raw: {} }]);
    const named = adapterFor({ organizationName: 'Acme CxSAST' });
    const [found, missing] = await named.getOrganizations([ORG, 'acme']);
    expect(found).toMatchObject({ id: ORG, name: 'Acme CxSAST' });
    expect((missing as ProviderError).kind).toBe('NOT_FOUND');
    expect(mark()).toBe(before);
    expect((await caught(admin.listGroups('acme', { size: 10 }))).kind).toBe('NOT_FOUND');
    expect((await caught(admin.listOrganizations({ size: 1, after: 'x' }))).kind).toBe('INVALID');
    expect(mark()).toBe(before);
  });
});

describe('password grant', () => {
  it('fetches one token for many calls, concurrent ones included', async () => {
    const adapter = adapterFor();
    const before = mark();
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? adapter.listGroups(ORG, { size: 50 }) : adapter.listOrganizationMembers(ORG, { size: 50 }))),
    );
    for (let i = 0; i < 4; i++) await adapter.listGroupMembers(team(SEEDED.bigTeamId), { size: 50 });
    const log = loggedSince(before);
    expect(log.filter((line) => line.startsWith(`POST ${ROUTES.token}`))).toEqual([`POST ${ROUTES.token} 200`]);
    expect(log[0]).toBe(`POST ${ROUTES.token} 200`);
    expect(log).toHaveLength(13);
  });

  it('sends the documented form, then the bearer token, versioned media types and cxOrigin', async () => {
    const adapter = adapterFor();
    await adapter.listGroups(ORG, { size: 50 });
    await adapter.addMember!(team(SEEDED.emptyTeamId), { memberId: '3' });
    const [tokenCall, ...calls] = seen;
    const form = new URLSearchParams(tokenCall?.body);
    expect(tokenCall?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(form)).toEqual({
      username: 'admin',
      password: 'sandbox',
      grant_type: 'password',
      scope: expect.stringContaining('access_control_api'),
      client_id: 'resource_owner_client',
      client_secret: CLIENT_SECRET,
    });
    expect(tokenCall?.headers.authorization).toBeUndefined();
    expect(calls.map((c) => c.method)).toEqual(['GET', 'GET', 'POST']);
    for (const call of calls) {
      expect(call.headers.authorization).toMatch(/^Bearer \S+$/);
      expect(call.headers.accept).toBe('application/json;v=1.0');
      expect(call.headers.cxorigin).toBe('teamgraph');
    }
    expect(calls[2]?.headers['content-type']).toBe('application/json;v=1.0');
  });

  it('after expireTokens(): a 401, one token call, and the call re-sent successfully', async () => {
    const adapter = adapterFor();
    await adapter.listGroups(ORG, { size: 50 });
    sim.expireTokens();
    const before = mark();
    const [groups, members] = await Promise.all([adapter.listGroups(ORG, { size: 50 }), adapter.listGroupMembers(team(SEEDED.bigTeamId), { size: 50 })]);
    expect(groups.items).toHaveLength(SEEDED.teamCount);
    expect(members.items).toHaveLength(SEEDED.bigTeamSize);
    const log = loggedSince(before);
    expect(log.filter((line) => line.endsWith(' 401'))).toHaveLength(2);
    expect(log.filter((line) => line.startsWith(`POST ${ROUTES.token}`))).toEqual([`POST ${ROUTES.token} 200`]);
    expect(log.filter((line) => line.endsWith(' 200'))).toHaveLength(3);
    // The renewed token serves the next calls with no further grant.
    await admin.listGroups(ORG, { size: 50 });
    await adapter.listGroups(ORG, { size: 50 });
    expect(loggedSince(before).filter((line) => line.startsWith(`POST ${ROUTES.token}`))).toHaveLength(2);
  });

  it('renews a token shortly before it expires, with no 401', async () => {
    const shortSim = await new SimServer(createCheckmarxSimulator({ tokenTtlSeconds: 1 })).start();
    const adapter = createCheckmarxAdapter({ baseUrl: shortSim.baseUrl, username: 'admin', password: 'sandbox', http: fast });
    try {
      await adapter.listGroups(ORG, { size: 50 });
      await new Promise((resolve) => setTimeout(resolve, 950));
      await adapter.listGroups(ORG, { size: 50 });
      expect(shortSim.log.list().map((e) => `${e.method} ${e.route} ${e.status}`)).toEqual([
        `POST ${ROUTES.token} 200`,
        `GET ${ROUTES.teams} 200`,
        `POST ${ROUTES.token} 200`,
        `GET ${ROUTES.teams} 200`,
      ]);
    } finally {
      await adapter.close();
      await shortSim.stop();
    }
  });

  it('reports a wrong password as UNAUTHENTICATED without leaking it, and asks again next time', async () => {
    const password = 'Hunter2-secret';
    const adapter = adapterFor({ password });
    const before = mark();
    const error = await caught(adapter.listGroups(ORG, { size: 50 }));
    expect(error.kind).toBe('UNAUTHENTICATED');
    expect(error.message).toContain('invalid_grant');
    expect(error.route).toBe(`POST ${ROUTES.token}`);
    for (const text of [error.message, JSON.stringify(error), String(error.stack)]) {
      expect(text).not.toContain(password);
      expect(text).not.toContain(CLIENT_SECRET);
    }
    expect(loggedSince(before)).toEqual([`POST ${ROUTES.token} 400`]);
    await caught(adapter.listGroups(ORG, { size: 50 }));
    expect(loggedSince(before)).toHaveLength(2);
  });

  it('reports a wrong client secret as UNAUTHENTICATED', async () => {
    const error = await caught(adapterFor({ clientSecret: 'not-it-at-all' }).listGroups(ORG, { size: 50 }));
    expect(error.kind).toBe('UNAUTHENTICATED');
    expect(error.message).toContain('invalid_client');
    expect(error.message).not.toContain('not-it-at-all');
  });

  it('gives up with UNAUTHENTICATED when a fresh token is refused too (renews once, re-sends once)', async () => {
    await admin.listGroups(ORG, { size: 50 });
    server.faults.add({ kind: 'error', status: 401, times: 2, match: { route: ROUTES.teams } });
    const before = mark();
    const error = await caught(admin.listGroups(ORG, { size: 50 }));
    expect(error.kind).toBe('UNAUTHENTICATED');
    expect(error.status).toBe(401);
    expect(loggedSince(before)).toEqual([`GET ${ROUTES.teams} 401`, `POST ${ROUTES.token} 200`, `GET ${ROUTES.teams} 401`]);
  });
});

describe('reads', () => {
  it('reads the team tree back with parents and paths, at least three levels down', async () => {
    await admin.listGroups(ORG, { size: 1 });
    const before = mark();
    const page = await admin.listGroups(ORG, { size: 50 });
    expect(loggedSince(before)).toEqual([`GET ${ROUTES.teams} 200`]);
    expect(page.next).toBeNull();
    expect(page.totalCount).toBe(SEEDED.teamCount);
    const byId = new Map(page.items.map((g) => [g.id, g]));
    expect(byId.get('1')).toMatchObject({ name: 'CxServer', path: '/CxServer', parentId: null, kind: 'team', memberCount: null });

    const chain: string[] = [];
    for (let at = byId.get(String(SEEDED.deepTeamId)); at; at = at.parentId === null ? undefined : byId.get(at.parentId)) chain.push(at.name);
    expect(chain).toEqual(['Payments', 'Backend', 'Engineering', 'Company', 'SP', 'CxServer']);
    expect(byId.get(String(SEEDED.deepTeamId))?.path).toBe('/CxServer/SP/Company/Engineering/Backend/Payments');
    for (const group of page.items) {
      expect(group.raw).toMatchObject({ id: Number(group.id), fullName: group.path });
      if (group.parentId !== null) expect(group.path).toBe(`${byId.get(group.parentId)?.path}/${group.name}`);
    }
    expect((await admin.listGroups(ORG, { size: 50 }, { name: 'eNg' })).items.map((g) => g.name)).toEqual(['Engineering']);
  });

  it('reads a batch of teams in one call, in order, NOT_FOUND and INVALID in place', async () => {
    await admin.listGroups(ORG, { size: 1 });
    const before = mark();
    const read = await admin.getGroups(ORG, ['6', '1', '777', '6', 'abc', '4']);
    expect(read.map((r) => (r instanceof ProviderError ? r.kind : r.id))).toEqual(['6', '1', 'NOT_FOUND', '6', 'INVALID', '4']);
    expect(loggedSince(before)).toEqual([`GET ${ROUTES.teams} 200`]);
    expect(await admin.getGroups(ORG, ['x', '../1'])).toHaveLength(2);
    expect(await admin.getGroups(ORG, [])).toEqual([]);
    expect(mark()).toBe(before + 1);
  });

  it.each([1, 7, 100, 2_147_483_647])('returns the whole team in one page at size %i, nothing missed or repeated', async (size) => {
    const before = mark();
    const page = await admin.listGroupMembers(team(SEEDED.bigTeamId), { size });
    expect(page.next).toBeNull();
    expect(page.totalCount).toBe(SEEDED.bigTeamSize);
    expect(page.items).toHaveLength(SEEDED.bigTeamSize);
    expect(new Set(page.items.map((m) => m.memberId)).size).toBe(SEEDED.bigTeamSize);
    expect(loggedSince(before).filter((l) => !l.includes(ROUTES.token))).toEqual([`GET ${ROUTES.teamUsers} 200`]);
    expect(page.items.every((m) => m.groupId === String(SEEDED.bigTeamId) && m.organizationId === ORG)).toBe(true);
  });

  it('returns an empty team as an empty page', async () => {
    expect(await admin.listGroupMembers(team(SEEDED.emptyTeamId), { size: 10 })).toEqual({ items: [], next: null, totalCount: 0 });
  });

  it('maps a user: ids as strings, names, status from active, ISO timestamps, raw kept', async () => {
    const members = (await admin.listOrganizationMembers(ORG, { size: 100 })).items;
    expect(members).toHaveLength(SEEDED.userCount);
    const blocked = members.filter((m) => m.status === 'BLOCKED');
    expect(blocked.length).toBeGreaterThan(0);
    for (const m of members) {
      const raw = m.raw as {
        id: number;
        userName: string;
        firstName: string;
        lastName: string;
        email: string;
        active: boolean;
        creationDate: string;
        lastLoginDate: string | null;
      };
      expect(m).toMatchObject({ provider: 'CHECKMARX', groupId: null, memberId: String(raw.id), userId: String(raw.id), role: null, mfaEnabled: null });
      expect(m.username).toBe(raw.userName);
      expect(m.displayName).toBe(`${raw.firstName} ${raw.lastName}`);
      expect(m.email).toBe(raw.email);
      expect(m.status).toBe(raw.active ? 'ACTIVE' : 'BLOCKED');
      expect(m.createdAt).toBe(`${raw.creationDate.slice(0, 23)}Z`);
      expect(m.lastLoginAt).toBe(raw.lastLoginDate === null ? null : `${raw.lastLoginDate.slice(0, 23)}Z`);
    }
    const filtered = await admin.listOrganizationMembers(ORG, { size: 100 }, { status: ['BLOCKED'] });
    expect(filtered.items.map((m) => m.memberId)).toEqual(blocked.map((m) => m.memberId));
    const someone = (await admin.listGroupMembers(team(SEEDED.bigTeamId), { size: 100 })).items[5] as MemberRecord;
    const byMail = await admin.listGroupMembers(team(SEEDED.bigTeamId), { size: 100 }, { emailContains: someone.email?.toUpperCase() as string });
    expect(byMail.items.map((m) => m.memberId)).toEqual([someone.memberId]);
  });

  it('reads members of a team by id in one call, NOT_FOUND for a non-member', async () => {
    const ids = (await memberIdsOf(SEEDED.bigTeamId)).slice(0, 5).reverse();
    const outsider = (await memberIdsOf(SEEDED.rootTeamId))[0] as string;
    const before = mark();
    const read = await admin.getGroupMembers(team(SEEDED.bigTeamId), [...ids, outsider, '999999', ids[0] as string]);
    expect(read.map((r) => (r instanceof ProviderError ? r.kind : r.memberId))).toEqual([...ids, 'NOT_FOUND', 'NOT_FOUND', ids[0]]);
    expect(loggedSince(before)).toEqual([`GET ${ROUTES.teamUsers} 200`]);
    expect((await caught(admin.getGroupMembers(team(777), ['3']))).kind).toBe('NOT_FOUND');
  });

  it('reads one server user with GET /Users/{id}, several with one GET /Users', async () => {
    await admin.listGroups(ORG, { size: 1 });
    let before = mark();
    const [one] = await admin.getOrganizationMembers(ORG, ['7', '7']);
    expect(one).toMatchObject({ memberId: '7', groupId: null });
    expect(loggedSince(before)).toEqual([`GET ${ROUTES.user} 200`]);

    before = mark();
    expect((await admin.getOrganizationMembers(ORG, ['4242']))[0]).toMatchObject({ kind: 'NOT_FOUND' });
    expect(loggedSince(before)).toEqual([`GET ${ROUTES.user} 404`]);

    before = mark();
    const many = await admin.getOrganizationMembers(ORG, ['9', '3', '4242', '0', '3']);
    expect(many.map((r) => (r instanceof ProviderError ? r.kind : r.memberId))).toEqual(['9', '3', 'NOT_FOUND', 'INVALID', '3']);
    expect(loggedSince(before)).toEqual([`GET ${ROUTES.users} 200`]);
  });

  it('maps the lowercase `username` some endpoints send, and zone-less dates as UTC', async () => {
    override = async (req, real) => {
      if (req.method !== 'GET' || !/\/Users\/\d+$/i.test(req.path)) return undefined;
      const { userName, ...rest } = (await real()).body as Record<string, unknown>;
      return { status: 200, body: { ...rest, username: userName, creationDate: '2021-03-04T05:06:07.1234567', lastLoginDate: null } };
    };
    const [member] = (await admin.getOrganizationMembers(ORG, ['3'])) as MemberRecord[];
    expect(member?.username).toMatch(/\S/);
    expect(member?.createdAt).toBe('2021-03-04T05:06:07.123Z');
    expect(member?.lastLoginAt).toBeNull();
  });
});

describe('ids', () => {
  it.each(['../x', 'a/b', '%2F', '..', '0', '-1', '1.5', ' 1', '1e3', '0x10', '99999999999999999999', ''])('refuses %j before any call', async (id) => {
    await admin.listGroups(ORG, { size: 1 });
    const before = mark();
    expect((await caught(admin.listGroupMembers({ organizationId: ORG, groupId: id }, { size: 5 }))).kind).toBe('INVALID');
    expect((await caught(admin.addMember!(team(SEEDED.emptyTeamId), { memberId: id }))).kind).toBe('INVALID');
    expect((await caught(admin.replaceMembers!(team(SEEDED.emptyTeamId), [{ memberId: '3' }, { memberId: id }]))).kind).toBe('INVALID');
    const [entry] = await admin.getGroups(ORG, [id]);
    expect((entry as ProviderError).kind).toBe('INVALID');
    expect(mark()).toBe(before);
  });
});

describe('writes', () => {
  it('adds a member: ADDED, then ALREADY_MEMBER; state read back from both sides', async () => {
    const ref = { memberId: String(SEEDED.viewerUserId) };
    const before = mark();
    expect(await admin.addMember!(team(SEEDED.emptyTeamId), ref)).toEqual({ ref, status: 'ADDED' });
    expect(await admin.addMember!(team(SEEDED.emptyTeamId), ref)).toEqual({ ref, status: 'ALREADY_MEMBER' });
    expect(loggedSince(before)).toEqual([
      `GET ${ROUTES.teamUsers} 200`,
      `POST ${ROUTES.teamUser} 204`,
      `GET ${ROUTES.teamUsers} 200`,
      `POST ${ROUTES.teamUser} 204`,
    ]);
    expect(await memberIdsOf(SEEDED.emptyTeamId)).toEqual([ref.memberId]);
    const [user] = (await admin.getOrganizationMembers(ORG, [ref.memberId])) as MemberRecord[];
    expect((user?.raw as { teamIds: number[] }).teamIds).toContain(SEEDED.emptyTeamId);
  });

  it('adding an unknown user is NOT_FOUND', async () => {
    const error = await caught(admin.addMember!(team(SEEDED.emptyTeamId), { memberId: '4242' }));
    expect(error.kind).toBe('NOT_FOUND');
    expect(await memberIdsOf(SEEDED.emptyTeamId)).toEqual([]);
  });

  it('removes a member: REMOVED, then NOT_A_MEMBER without sending the DELETE', async () => {
    const ref = { memberId: (await memberIdsOf(SEEDED.bigTeamId))[0] as string };
    const before = mark();
    expect(await admin.removeMember!(team(SEEDED.bigTeamId), ref)).toEqual({ ref, status: 'REMOVED' });
    expect(await admin.removeMember!(team(SEEDED.bigTeamId), ref)).toEqual({ ref, status: 'NOT_A_MEMBER' });
    expect(loggedSince(before)).toEqual([`GET ${ROUTES.teamUsers} 200`, `DELETE ${ROUTES.teamUser} 204`, `GET ${ROUTES.teamUsers} 200`]);
    expect(await memberIdsOf(SEEDED.bigTeamId)).not.toContain(ref.memberId);
    expect(await memberIdsOf(SEEDED.bigTeamId)).toHaveLength(SEEDED.bigTeamSize - 1);
  });

  it('treats a DELETE 400 as NOT_A_MEMBER only when a second read confirms it', async () => {
    const [first, second] = await memberIdsOf(SEEDED.bigTeamId);
    // Someone else removes the user between our read and our DELETE.
    override = async (req, real) => {
      if (req.method !== 'DELETE') return undefined;
      await real();
      return sim.errorResponse(400, 'User is not a member of the team');
    };
    expect((await admin.removeMember!(team(SEEDED.bigTeamId), { memberId: first as string })).status).toBe('NOT_A_MEMBER');
    // A 400 for another reason, with the user still a member, is an error.
    override = async (req) => (req.method === 'DELETE' ? sim.errorResponse(400, 'Cannot remove the last team manager') : undefined);
    const error = await caught(admin.removeMember!(team(SEEDED.bigTeamId), { memberId: second as string }));
    expect(error).toMatchObject({ kind: 'INVALID', status: 400, route: `DELETE ${ROUTES.teamUser}` });
    expect(error.message).toContain('last team manager');
  });

  it('replaces the member set with one read and exactly one PUT', async () => {
    const current = await memberIdsOf(SEEDED.bigTeamId);
    const kept = current.slice(0, 3);
    const refs = [...kept, String(SEEDED.viewerUserId), kept[0] as string].map((memberId) => ({ memberId }));
    const before = mark();
    const changes = await admin.replaceMembers!(team(SEEDED.bigTeamId), refs);
    expect(loggedSince(before)).toEqual([`GET ${ROUTES.teamUsers} 200`, `PUT ${ROUTES.teamUsers} 204`]);
    expect(JSON.parse(seen.find((s) => s.method === 'PUT')?.body ?? '{}')).toEqual({ userIds: [...kept, String(SEEDED.viewerUserId)].map(Number) });
    expect(changes.slice(0, refs.length).map((c) => c.status)).toEqual(['ALREADY_MEMBER', 'ALREADY_MEMBER', 'ALREADY_MEMBER', 'ADDED', 'ALREADY_MEMBER']);
    const removed = changes.slice(refs.length);
    expect(removed.every((c) => c.status === 'REMOVED')).toBe(true);
    expect(removed.map((c) => ('memberId' in c.ref ? c.ref.memberId : '')).sort()).toEqual(current.slice(3).sort());
    expect((await memberIdsOf(SEEDED.bigTeamId)).sort()).toEqual([...kept, String(SEEDED.viewerUserId)].sort());
    const [dropped] = (await admin.getOrganizationMembers(ORG, [current[5] as string])) as MemberRecord[];
    expect((dropped?.raw as { teamIds: number[] }).teamIds).not.toContain(SEEDED.bigTeamId);
  });

  it('empties a team with an empty replace', async () => {
    const changes = await admin.replaceMembers!(team(SEEDED.deepTeamId), []);
    expect(changes.every((c) => c.status === 'REMOVED')).toBe(true);
    expect(await memberIdsOf(SEEDED.deepTeamId)).toEqual([]);
  });

  it('a replace naming an unknown user is INVALID naming it, and changes nothing', async () => {
    const before = await memberIdsOf(SEEDED.bigTeamId);
    const error = await caught(admin.replaceMembers!(team(SEEDED.bigTeamId), [{ memberId: '3' }, { memberId: '4242' }]));
    expect(error).toMatchObject({ kind: 'INVALID', status: 400 });
    expect(error.message).toContain('4242');
    expect(await memberIdsOf(SEEDED.bigTeamId)).toEqual(before);
  });

  it('refuses e-mail refs as UNSUPPORTED before any call', async () => {
    const before = mark();
    const error = await caught(admin.addMember!(team(SEEDED.emptyTeamId), { email: 'someone@cxsandbox.example' }));
    expect(error.kind).toBe('UNSUPPORTED');
    expect(mark()).toBe(before);
  });

  it('maps the viewer’s 403 to FORBIDDEN and changes nothing', async () => {
    const members = await memberIdsOf(SEEDED.bigTeamId);
    for (const attempt of [
      viewer.addMember!(team(SEEDED.emptyTeamId), { memberId: '3' }),
      viewer.removeMember!(team(SEEDED.bigTeamId), { memberId: members[0] as string }),
      viewer.replaceMembers!(team(SEEDED.bigTeamId), []),
    ]) {
      const error = await caught(attempt);
      expect(error.kind).toBe('FORBIDDEN');
      expect(error.message).toContain('Manage Users');
    }
    expect(await memberIdsOf(SEEDED.bigTeamId)).toEqual(members);
    expect(await memberIdsOf(SEEDED.emptyTeamId)).toEqual([]);
  });

  it('retries membership writes: every Checkmarx write is idempotent', async () => {
    server.faults.add({ kind: 'error', status: 503, times: 1, match: { route: ROUTES.teamUser } });
    server.faults.add({ kind: 'error', status: 503, times: 1, match: { route: ROUTES.teamUsers, method: 'PUT' } });
    const before = mark();
    expect((await admin.addMember!(team(SEEDED.emptyTeamId), { memberId: '3' })).status).toBe('ADDED');
    expect((await admin.replaceMembers!(team(SEEDED.emptyTeamId), [{ memberId: '4' }])).map((c) => c.status)).toEqual(['ADDED', 'REMOVED']);
    expect(loggedSince(before).filter((l) => !l.startsWith('GET'))).toEqual([
      `POST ${ROUTES.teamUser} 503`,
      `POST ${ROUTES.teamUser} 204`,
      `PUT ${ROUTES.teamUsers} 503`,
      `PUT ${ROUTES.teamUsers} 204`,
    ]);
    expect(await memberIdsOf(SEEDED.emptyTeamId)).toEqual(['4']);
  });
});

describe('errors', () => {
  it('maps 404 to NOT_FOUND with the route template', async () => {
    const error = await caught(admin.listGroupMembers(team(777), { size: 5 }));
    expect(error).toMatchObject({ kind: 'NOT_FOUND', status: 404, route: `GET ${ROUTES.teamUsers}` });
    expect(error.message).toContain('777');
  });

  it('maps an injected 409 to CONFLICT and 400 to INVALID', async () => {
    server.faults.add({ kind: 'error', status: 409, times: 1, match: { route: ROUTES.teams } });
    expect((await caught(admin.listGroups(ORG, { size: 5 }))).kind).toBe('CONFLICT');
    server.faults.add({ kind: 'error', status: 400, times: 1, match: { route: ROUTES.teams } });
    expect((await caught(admin.listGroups(ORG, { size: 5 }))).kind).toBe('INVALID');
  });

  it('waits out a 429 with Retry-After when it fits the deadline', async () => {
    await admin.listGroups(ORG, { size: 1 });
    server.faults.add({ kind: 'rateLimit', retryAfter: 1, times: 1, match: { route: ROUTES.teams } });
    const started = Date.now();
    expect((await admin.listGroups(ORG, { size: 5 })).items).toHaveLength(SEEDED.teamCount);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(
      server.log
        .list()
        .slice(-2)
        .map((e) => e.status),
    ).toEqual([429, 200]);
  });

  it('reports RATE_LIMITED with retryAfter when the wait does not fit', async () => {
    server.faults.add({ kind: 'rateLimit', retryAfter: 30, match: { route: ROUTES.teams } });
    const started = Date.now();
    const error = await caught(admin.listGroups(ORG, { size: 5 }));
    expect(error).toMatchObject({ kind: 'RATE_LIMITED', retryAfter: 30, status: 429 });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('recovers from two 503s by retrying, and gives up as UNAVAILABLE after three', async () => {
    await admin.listGroups(ORG, { size: 1 });
    server.faults.add({ kind: 'error', status: 503, times: 2, match: { route: ROUTES.teams } });
    let before = mark();
    expect((await admin.listGroups(ORG, { size: 5 })).items).toHaveLength(SEEDED.teamCount);
    expect(loggedSince(before)).toEqual([`GET ${ROUTES.teams} 503`, `GET ${ROUTES.teams} 503`, `GET ${ROUTES.teams} 200`]);

    server.faults.add({ kind: 'error', status: 503, times: 3, match: { route: ROUTES.teams } });
    before = mark();
    expect(await caught(admin.listGroups(ORG, { size: 5 }))).toMatchObject({ kind: 'UNAVAILABLE', status: 503 });
    expect(loggedSince(before)).toHaveLength(3);
  });

  it('times out a hang as UNAVAILABLE within the deadline', async () => {
    const adapter = adapterFor({ http: { timeouts: { headersMs: 300, deadlineMs: 1500 }, retry: { baseDelayMs: 5 } } });
    await adapter.listGroups(ORG, { size: 1 });
    server.faults.add({ kind: 'hang', match: { route: ROUTES.teams } });
    const started = Date.now();
    const error = await caught(adapter.listGroups(ORG, { size: 5 }));
    expect(error.kind).toBe('UNAVAILABLE');
    expect(error.message).toMatch(/timed out|deadline/);
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it('reports a body that is not JSON, or not the documented shape, as BAD_RESPONSE', async () => {
    server.faults.add({ kind: 'malformed', times: 1, match: { route: ROUTES.teams } });
    expect((await caught(admin.listGroups(ORG, { size: 5 }))).kind).toBe('BAD_RESPONSE');

    override = async (req) =>
      req.method === 'GET' && /\/Teams$/i.test(req.path) ? { status: 200, body: [{ id: 1, name: 'CxServer', parentId: 0 }] } : undefined;
    const error = await caught(admin.listGroups(ORG, { size: 5 }));
    expect(error).toMatchObject({ kind: 'BAD_RESPONSE', field: '[0].fullName' });

    override = async (req) =>
      req.method === 'GET' && /\/Users$/i.test(req.path) ? { status: 200, body: [{ id: 3, active: true, creationDate: 'yesterday' }] } : undefined;
    expect(await caught(admin.listGroupMembers(team(SEEDED.bigTeamId), { size: 5 }))).toMatchObject({ kind: 'BAD_RESPONSE', field: '[0].creationDate' });
  });

  it('opens the circuit breaker after repeated failures and then fails fast', async () => {
    const adapter = adapterFor({ http: { retry: { attempts: 1, baseDelayMs: 5 }, breaker: { failureThreshold: 3, resetAfterMs: 60_000 } } });
    await adapter.listGroups(ORG, { size: 1 });
    server.faults.add({ kind: 'error', status: 503, match: { route: ROUTES.teams } });
    for (let i = 0; i < 3; i++) await caught(adapter.listGroups(ORG, { size: 5 }));
    expect(adapter.breakerState()).toBe('open');
    const before = mark();
    expect(await caught(adapter.listGroups(ORG, { size: 5 }))).toMatchObject({ kind: 'UNAVAILABLE' });
    expect(mark()).toBe(before);
    expect(admin.breakerState()).toBe('closed');
  });

  it('tells observers exactly the calls the simulator logged', async () => {
    const adapter = adapterFor();
    const events: CallEvent[] = [];
    const stop = adapter.observe((event) => events.push(event));
    const before = mark();
    await adapter.listGroups(ORG, { size: 5 });
    await adapter.getGroupMembers(team(SEEDED.bigTeamId), ['3', '4']);
    await adapter.addMember!(team(SEEDED.emptyTeamId), { memberId: '3' });
    await adapter.removeMember!(team(SEEDED.emptyTeamId), { memberId: '3' });
    await adapter.replaceMembers!(team(SEEDED.emptyTeamId), [{ memberId: '5' }]);
    await adapter.getOrganizationMembers(ORG, ['3']);
    stop();
    expect(events.map((e) => `${e.method} ${e.route} ${e.status}`)).toEqual(loggedSince(before));
  });
});
