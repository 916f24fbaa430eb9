// The Bird simulator as a product: envelopes, statuses, auth, paging, validation and writes over real HTTP.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SimServer } from '../../src/sandbox/core/sim-server.js';
import { createBirdSimulator, type BirdSimulator } from '../../src/sandbox/bird/index.js';

const RW = 'AccessKey sandbox-token';
const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';
const MEMBERS = '/organizations/{organizationId}/teams/{teamId}/members';
const MEMBER = '/organizations/{organizationId}/teams/{teamId}/members/{teamMemberId}';
const TEAM = '/organizations/{organizationId}/teams/{teamId}';

let sim: BirdSimulator;
let server: SimServer;

beforeAll(async () => {
  sim = createBirdSimulator();
  server = await new SimServer(sim).start();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => server.reset());

interface Answer {
  status: number;
  // any: the raw wire JSON under test; the assertions on it are its type check, as a client of the API sees it.
  body: any;
  text: string;
}

async function call(method: string, path: string, options: { auth?: string | null; json?: unknown; body?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  const auth = options.auth === undefined ? RW : options.auth;
  if (auth !== null) headers.authorization = auth;
  let body = options.body;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const response = await fetch(server.baseUrl + path, { method, headers, body });
  const text = await response.text();
  return { status: response.status, text, body: text === '' ? null : JSON.parse(text) };
}

const org = () => sim.organizationId;
const teamByName = (name: string) => {
  const team = sim.snapshot().teams.find((t) => t.name === name);
  if (!team) throw new Error(`no team ${name}`);
  return team;
};
const bigTeam = () => sim.snapshot().teams.reduce((a, b) => (b.members.length > a.members.length ? b : a));
const membersPath = (teamId: string) => `/organizations/${org()}/teams/${teamId}/members`;
/** A directory user who is not in the team. */
const outsider = (teamId: string) => {
  const snap = sim.snapshot();
  const inTeam = new Set(snap.teams.find((t) => t.id === teamId)?.members.map((m) => m.id));
  return snap.userIds.find((id) => !inTeam.has(id)) as string;
};

/** A GET sent with the path exactly as written: fetch's URL parser would resolve `%2E%2E` before sending. */
function rawGet(path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(server.url);
    const req = httpRequest({ hostname, port, path, headers: { authorization: RW } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, body: text === '' ? null : JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Follows nextPageToken to the end; returns the ids in order and the number of calls. */
async function walk(teamId: string, limit: number | null, reverse: boolean, extra = ''): Promise<{ ids: string[]; calls: number }> {
  const ids: string[] = [];
  let token = '';
  let calls = 0;
  do {
    const query = new URLSearchParams();
    if (limit !== null) query.set('limit', String(limit));
    if (reverse) query.set('reverse', 'true');
    if (token) query.set('pageToken', token);
    const answer = await call('GET', `${membersPath(teamId)}?${query}${extra}`);
    expect(answer.status).toBe(200);
    expect(answer.body.results.length).toBeLessThanOrEqual(limit ?? 10);
    ids.push(...answer.body.results.map((m: { id: string }) => m.id));
    token = answer.body.nextPageToken;
    calls += 1;
    expect(calls).toBeLessThan(500);
  } while (token);
  return { ids, calls };
}

describe('seeded world', () => {
  it('is the size the contract asks for and the same for the same seed', () => {
    const snap = sim.snapshot();
    expect(snap.userIds).toHaveLength(300);
    expect(snap.teams).toHaveLength(8);
    expect(new Set(snap.teams.map((t) => t.accessibility))).toEqual(new Set(['open', 'request-to-join', 'invite-only']));
    expect(new Set(snap.teams.map((t) => t.visibility))).toEqual(new Set(['public', 'private']));
    expect(bigTeam().members).toHaveLength(150);
    expect(new Set(bigTeam().members.map((m) => m.status))).toEqual(new Set(['active', 'invited', 'requested-to-join']));
    expect(snap.teams.filter((t) => t.members.length === 0)).toHaveLength(1);
    const again = createBirdSimulator();
    expect(again.organizationId).toBe(sim.organizationId);
    expect(again.snapshot()).toEqual(snap);
    expect(createBirdSimulator({ seed: 7 }).organizationId).not.toBe(sim.organizationId);
    expect(sim.describe().notes?.join('\n')).toContain(sim.organizationId);
  });

  it('builds a different world for another seed', () => {
    // How long seeding takes is measured by `npm run bench`, never asserted here.
    const other = createBirdSimulator({ seed: 99 });
    expect(other.snapshot()).not.toEqual(sim.snapshot());
  });
});

describe('auth', () => {
  it('accepts the key in both the AccessKey and the Bearer scheme', async () => {
    for (const auth of ['AccessKey sandbox-token', 'Bearer sandbox-token', 'accesskey sandbox-token']) {
      expect((await call('GET', `/organizations/${org()}/teams`, { auth })).status, auth).toBe(200);
    }
  });

  it('answers 401 unauthorized without a key or with a wrong one', async () => {
    for (const auth of [null, 'AccessKey wrong', 'Basic sandbox-token', 'sandbox-token']) {
      const answer = await call('GET', `/organizations/${org()}/teams`, { auth });
      expect(answer.status, String(auth)).toBe(401);
      expect(answer.body).toEqual({ code: 'unauthorized', message: expect.any(String) });
    }
  });

  it('lets the read-only key read but answers 403 forbidden to its writes, in both schemes', async () => {
    const team = teamByName('Engineering');
    const member = team.members[0]?.id as string;
    for (const scheme of ['AccessKey', 'Bearer']) {
      const auth = `${scheme} sandbox-readonly-token`;
      expect((await call('GET', membersPath(team.id), { auth })).status).toBe(200);
      const writes = [
        call('POST', membersPath(team.id), { auth, json: { type: 'user', id: outsider(team.id) } }),
        call('DELETE', `${membersPath(team.id)}/${member}`, { auth }),
        call('PATCH', `/organizations/${org()}/teams/${team.id}`, { auth, json: { name: 'x' } }),
        call('POST', `/organizations/${org()}/teams`, { auth, json: { name: 'x' } }),
        call('DELETE', `/organizations/${org()}/teams/${team.id}`, { auth }),
      ];
      for (const answer of await Promise.all(writes)) {
        expect(answer.status).toBe(403);
        expect(answer.body.code).toBe('forbidden');
      }
    }
    expect(teamByName('Engineering').members).toHaveLength(team.members.length);
  });
});

describe('routes and 404s', () => {
  it('answers not_found for an unknown route and 405 for a wrong method', async () => {
    const unknown = await call('GET', '/organizations');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('not_found');
    const wrongMethod = await call('PUT', membersPath(bigTeam().id));
    expect(wrongMethod.status).toBe(405);
  });

  it('answers the 404 of the matching kind, for unknown UUIDs and non-UUID ids alike', async () => {
    const team = bigTeam();
    const cases: Array<[string, string]> = [
      [`/organizations/${UNKNOWN_UUID}/teams`, 'organization_not_found'],
      [`/organizations/not-a-uuid/teams`, 'organization_not_found'],
      [`/organizations/${org()}/teams/${UNKNOWN_UUID}`, 'team_not_found'],
      [`/organizations/${org()}/teams/42/members`, 'team_not_found'],
      [`${membersPath(team.id)}/${UNKNOWN_UUID}`, 'team_member_not_found'],
      [`${membersPath(team.id)}/nobody`, 'team_member_not_found'],
    ];
    for (const [path, code] of cases) {
      const answer = await call('GET', path);
      expect(answer.status, path).toBe(404);
      expect(answer.body).toEqual({ code, message: expect.any(String) });
    }
  });

  it('keeps encoded ids inside their segment: they land on the route template, never another route', async () => {
    const team = bigTeam();
    for (const id of ['..%2Fx', 'a%2Fb', '%252F', '%2E%2E']) {
      const answer = await rawGet(`${membersPath(team.id)}/${id}`);
      expect(answer.status, id).toBe(404);
      expect(answer.body.code).toBe('team_member_not_found');
    }
    const routes = server.log.list().map((e) => e.route);
    expect(routes).toEqual(Array(4).fill(MEMBER));
  });
});

describe('listing members', () => {
  it('returns {results, nextPageToken} with TeamMembers of exactly five fields; default limit 10', async () => {
    const answer = await call('GET', membersPath(bigTeam().id));
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body).sort()).toEqual(['nextPageToken', 'results']);
    expect(answer.body.results).toHaveLength(10);
    for (const member of answer.body.results) {
      expect(Object.keys(member).sort()).toEqual(['createdAt', 'id', 'status', 'type', 'updatedAt']);
      expect(member.type).toBe('user');
      expect(new Date(member.createdAt).toISOString()).toBe(member.createdAt);
    }
  });

  it('walks the 150-member team at limits 1, 10 and 100, both directions, nothing missed or repeated', async () => {
    const team = bigTeam();
    const expected = team.members.map((m) => m.id).sort();
    let forwardOrder: string[] | undefined;
    for (const limit of [1, 10, 100]) {
      const forward = await walk(team.id, limit, false);
      const backward = await walk(team.id, limit, true);
      for (const run of [forward, backward]) {
        expect(run.ids).toHaveLength(150);
        expect([...run.ids].sort()).toEqual(expected);
        expect(run.calls).toBe(Math.ceil(150 / limit));
      }
      expect(backward.ids).toEqual([...forward.ids].reverse());
      forwardOrder ??= forward.ids;
      expect(forward.ids).toEqual(forwardOrder);
    }
  });

  it('ends with an empty nextPageToken and serves an empty team as one empty page', async () => {
    const last = await call(
      'GET',
      `${membersPath(bigTeam().id)}?limit=100&pageToken=${(await call('GET', `${membersPath(bigTeam().id)}?limit=100`)).body.nextPageToken}`,
    );
    expect(last.body.results).toHaveLength(50);
    expect(last.body.nextPageToken).toBe('');
    const empty = await call('GET', membersPath(teamByName('Alumni').id));
    expect(empty.body).toEqual({ results: [], nextPageToken: '' });
  });

  it('filters by one status value, page by page', async () => {
    const team = bigTeam();
    for (const status of ['active', 'invited', 'requested-to-join']) {
      const run = await walk(team.id, 7, false, `&status=${status}`);
      const expected = team.members
        .filter((m) => m.status === status)
        .map((m) => m.id)
        .sort();
      expect(expected.length).toBeGreaterThan(0);
      expect([...run.ids].sort()).toEqual(expected);
    }
  });

  it('answers 422 validation_error naming the parameter for bad limits, flags, statuses and tokens', async () => {
    const path = membersPath(bigTeam().id);
    const first = await call('GET', `${path}?limit=5`);
    const token = first.body.nextPageToken as string;
    const cases: Array<[string, string]> = [
      ['limit=101', 'limit'],
      ['limit=0', 'limit'],
      ['limit=ten', 'limit'],
      ['reverse=maybe', 'reverse'],
      ['status=pending', 'status'],
      ['status=active&status=invited', 'status'],
      ['pageToken=not-a-token', 'pageToken'],
      [`limit=5&reverse=true&pageToken=${token}`, 'pageToken'],
      [`limit=5&status=active&pageToken=${token}`, 'pageToken'],
    ];
    for (const [query, field] of cases) {
      const answer = await call('GET', `${path}?${query}`);
      expect(answer.status, query).toBe(422);
      expect(answer.body.code).toBe('validation_error');
      expect(Object.keys(answer.body.details)).toEqual([field]);
    }
    const teams = await call('GET', `/organizations/${org()}/teams?limit=101`);
    expect(teams.status).toBe(422);
    expect(teams.body.details).toHaveProperty('limit');
  });

  it('does not repeat or skip a member when the team changes between pages', async () => {
    const team = teamByName('Engineering');
    const first = await call('GET', `${membersPath(team.id)}?limit=10`);
    const firstIds = first.body.results.map((m: { id: string }) => m.id);
    // Remove a member already seen, add a new one: the next pages are unaffected by the shift.
    expect((await call('DELETE', `${membersPath(team.id)}/${firstIds[0]}`)).status).toBe(204);
    const added = outsider(team.id);
    expect((await call('POST', membersPath(team.id), { json: { type: 'user', id: added } })).status).toBe(201);
    const rest: string[] = [];
    let token = first.body.nextPageToken as string;
    while (token) {
      const page = await call('GET', `${membersPath(team.id)}?limit=10&pageToken=${token}`);
      rest.push(...page.body.results.map((m: { id: string }) => m.id));
      token = page.body.nextPageToken;
    }
    const all = [...firstIds, ...rest];
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(team.members.length + 1);
    expect(rest[rest.length - 1]).toBe(added);
  });
});

describe('teams', () => {
  it('returns Teams with the contract fields and counts that match the members', async () => {
    const answer = await call('GET', `/organizations/${org()}/teams?limit=100`);
    expect(answer.status).toBe(200);
    expect(answer.body.nextPageToken).toBe('');
    expect(answer.body.results).toHaveLength(8);
    for (const team of answer.body.results) {
      expect(Object.keys(team).sort()).toEqual([
        'accessibility',
        'activeMemberCount',
        'createdAt',
        'description',
        'featuredMembers',
        'id',
        'name',
        'pendingMemberCount',
        'roleRefs',
        'updatedAt',
        'visibility',
      ]);
      const seeded = teamByName(team.name);
      expect(team.activeMemberCount).toBe(seeded.members.filter((m) => m.status === 'active').length);
      expect(team.pendingMemberCount).toBe(seeded.members.filter((m) => m.status !== 'active').length);
      expect(team.featuredMembers.length).toBe(Math.min(5, team.activeMemberCount));
      for (const featured of team.featuredMembers) expect(featured.type).toBe('user');
      if (team.roleRefs !== null) for (const ref of team.roleRefs) expect(ref.type).toBe('organization');
    }
  });

  it('pages teams in both directions', async () => {
    const forward: string[] = [];
    let token = '';
    do {
      const page = await call('GET', `/organizations/${org()}/teams?limit=3${token ? `&pageToken=${token}` : ''}`);
      forward.push(...page.body.results.map((t: { id: string }) => t.id));
      token = page.body.nextPageToken;
    } while (token);
    const backward = await call('GET', `/organizations/${org()}/teams?limit=100&reverse=true`);
    expect(forward).toHaveLength(8);
    expect(backward.body.results.map((t: { id: string }) => t.id)).toEqual([...forward].reverse());
  });

  it('creates, reads, updates and deletes a team', async () => {
    const created = await call('POST', `/organizations/${org()}/teams`, { json: { name: 'Platform', description: 'Infra', accessibility: 'invite-only' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Platform',
      description: 'Infra',
      accessibility: 'invite-only',
      visibility: 'public',
      activeMemberCount: 0,
      pendingMemberCount: 0,
      featuredMembers: [],
      roleRefs: null,
    });
    const path = `/organizations/${org()}/teams/${created.body.id}`;
    expect((await call('GET', path)).body.name).toBe('Platform');
    const patched = await call('PATCH', path, { json: { name: 'Platform Eng', visibility: 'private' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Platform Eng', visibility: 'private', description: 'Infra' });
    const deleted = await call('DELETE', path);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await call('GET', path)).body.code).toBe('team_not_found');
  });

  it('answers 422 for invalid team bodies', async () => {
    for (const [json, field] of [
      [{}, 'name'],
      [{ name: 'x'.repeat(257) }, 'name'],
      [{ name: 'ok', description: 'd'.repeat(257) }, 'description'],
      [{ name: 'ok', accessibility: 'closed' }, 'accessibility'],
      [{ name: 'ok', roleRefs: [{ id: 'r', type: 'workspace' }] }, 'roleRefs[0].type'],
    ] as const) {
      const answer = await call('POST', `/organizations/${org()}/teams`, { json });
      expect(answer.status, JSON.stringify(json).slice(0, 40)).toBe(422);
      expect(Object.keys(answer.body.details)).toEqual([field]);
    }
  });
});

describe('adding and removing members', () => {
  it('POST adds an active member to an open team, echoing it in results, and counts follow', async () => {
    const team = teamByName('Sales');
    const user = outsider(team.id);
    const added = await call('POST', membersPath(team.id), { json: { type: 'user', id: user } });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ results: [{ id: user, type: 'user', status: 'active', createdAt: expect.any(String), updatedAt: expect.any(String) }] });
    expect((await call('GET', `${membersPath(team.id)}/${user}`)).body.status).toBe('active');
    const after = (await call('GET', `/organizations/${org()}/teams/${team.id}`)).body;
    expect(after.activeMemberCount).toBe(team.members.length + 1);
  });

  it('POST to an invite-only team makes an invitation, counted as pending', async () => {
    const team = teamByName('Security');
    const before = (await call('GET', `/organizations/${org()}/teams/${team.id}`)).body;
    const user = outsider(team.id);
    const added = await call('POST', membersPath(team.id), { json: { type: 'user', id: user } });
    expect(added.body.results[0].status).toBe('invited');
    const after = (await call('GET', `/organizations/${org()}/teams/${team.id}`)).body;
    expect(after.pendingMemberCount).toBe(before.pendingMemberCount + 1);
    expect(after.activeMemberCount).toBe(before.activeMemberCount);
  });

  it('POST answers 409 for an existing member, 404 user_not_found for a stranger, 422 for a bad body', async () => {
    const team = bigTeam();
    const existing = team.members.find((m) => m.status === 'requested-to-join')?.id as string;
    const conflict = await call('POST', membersPath(team.id), { json: { type: 'user', id: existing } });
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe('team_member_already_exists');
    const stranger = await call('POST', membersPath(team.id), { json: { type: 'user', id: UNKNOWN_UUID } });
    expect(stranger.status).toBe(404);
    expect(stranger.body.code).toBe('user_not_found');
    for (const [json, field] of [
      [{ id: outsider(team.id) }, 'type'],
      [{ type: 'group', id: outsider(team.id) }, 'type'],
      [{ type: 'user' }, 'id'],
      [{ type: 'user', id: 'not-a-uuid' }, 'id'],
    ] as const) {
      const answer = await call('POST', membersPath(team.id), { json });
      expect(answer.status).toBe(422);
      expect(answer.body.code).toBe('validation_error');
      expect(Object.keys(answer.body.details)).toEqual([field]);
    }
    const notJson = await call('POST', membersPath(team.id), { body: '{"type":' });
    expect(notJson.status).toBe(422);
    expect(teamByName(team.name).members).toHaveLength(150);
  });

  it('DELETE answers 204 with no body, then 404 team_member_not_found; counts and featured members follow', async () => {
    const teamPath = `/organizations/${org()}/teams/${teamByName('Engineering').id}`;
    const before = (await call('GET', teamPath)).body;
    const featured = before.featuredMembers[0].id as string;
    const removed = await call('DELETE', `${teamPath}/members/${featured}`);
    expect(removed.status).toBe(204);
    expect(removed.text).toBe('');
    const again = await call('DELETE', `${teamPath}/members/${featured}`);
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('team_member_not_found');
    const after = (await call('GET', teamPath)).body;
    expect(after.activeMemberCount).toBe(before.activeMemberCount - 1);
    expect(after.featuredMembers.map((f: { id: string }) => f.id)).not.toContain(featured);
    expect(after.featuredMembers).toHaveLength(5);
    expect(server.log.count({ method: 'DELETE', route: MEMBER })).toBe(2);
  });

  it('reset() brings the seeded world back', async () => {
    const team = bigTeam();
    await call('DELETE', `${membersPath(team.id)}/${team.members[0]?.id}`);
    expect(bigTeam().members).toHaveLength(149);
    server.reset();
    expect(bigTeam().members).toHaveLength(150);
    expect(server.log.list()).toHaveLength(0);
  });

  it('logs routes as templates at the root base path', async () => {
    await call('GET', `/organizations/${org()}/teams/${bigTeam().id}`);
    await call('GET', membersPath(bigTeam().id));
    expect(server.log.list().map((e) => e.route)).toEqual([TEAM, MEMBERS]);
  });
});
