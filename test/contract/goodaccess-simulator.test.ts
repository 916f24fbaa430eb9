// The GoodAccess simulator as a product: its routes, shapes, status codes, auth and state, over real HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Client } from 'undici';
import { SimServer } from '../../src/sandbox/core/sim-server.js';
import { createGoodAccessSimulator, type GoodAccessSimulator } from '../../src/sandbox/goodaccess/index.js';

const RW = 'sandbox-token';
const RO = 'sandbox-readonly-token';
const BASE = '/api/v1';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

let sim: GoodAccessSimulator;
let server: SimServer;
let client: Client;

interface Answer {
  status: number;
  // any: the raw wire JSON under test; the assertions on it are its type check, as a client of the API sees it.
  body: any;
  text: string;
}

/** Sends the path exactly as written (no URL normalisation), with the read-write token unless told otherwise. */
async function call(method: string, path: string, options: { token?: string | null; json?: unknown; raw?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  const token = options.token === undefined ? RW : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (options.json !== undefined || options.raw !== undefined) {
    headers['content-type'] = 'application/json';
    body = options.raw ?? JSON.stringify(options.json);
  }
  const res = await client.request({ method: method as 'GET', path: BASE + path, headers, body });
  const text = await res.body.text();
  return { status: res.statusCode, body: text === '' ? null : JSON.parse(text), text };
}

const members = () => [...sim.state.members.values()];
const groups = () => [...sim.state.groups.values()];
const groupNamed = (name: string) => groups().find((g) => g.name === name)!;

beforeAll(async () => {
  sim = createGoodAccessSimulator();
  server = await new SimServer(sim).start();
  client = new Client(server.url);
});

afterAll(async () => {
  await client.close();
  await server.stop();
});

beforeEach(() => server.reset());

describe('seeded world', () => {
  it('has 40 members with e-mail usernames, some blocked, some with MFA, and 6 groups with one empty', () => {
    expect(members()).toHaveLength(40);
    expect(members().every((m) => /^[^@\s]+@acme\.example$/.test(m.username))).toBe(true);
    expect(members().filter((m) => m.blocked).length).toBeGreaterThanOrEqual(3);
    expect(members().filter((m) => m.mfaActive).length).toBeGreaterThanOrEqual(5);
    expect(new Set(members().map((m) => m.name)).size).toBe(40);
    expect(groups()).toHaveLength(6);
    const sizes = [...sim.state.relations.values()].map((ids) => ids.size);
    expect(sizes.filter((n) => n === 0)).toHaveLength(1);
    // Overlap: some member belongs to more than one group.
    const seen = new Map<string, number>();
    for (const ids of sim.state.relations.values()) for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
    expect([...seen.values()].some((n) => n > 1)).toBe(true);
  });

  it('is deterministic per seed and comes back on reset', async () => {
    const again = createGoodAccessSimulator();
    expect([...again.state.members.keys()]).toEqual([...sim.state.members.keys()]);
    const other = createGoodAccessSimulator({ seed: 7 });
    expect([...other.state.members.keys()]).not.toEqual([...sim.state.members.keys()]);
    const first = members()[0]!;
    expect((await call('DELETE', `/member/${first.id}`)).status).toBe(200);
    server.reset();
    expect(sim.state.members.has(first.id)).toBe(true);
  });

  it('builds a different world for another seed', () => {
    // How long seeding takes is measured by `npm run bench`, never asserted here.
    const other = createGoodAccessSimulator({ seed: 99 });
    expect([...other.state.members.keys()]).not.toEqual([...sim.state.members.keys()]);
  });
});

describe('auth', () => {
  it('answers 401 {"message":"Unauthorized"} without a token, with a wrong one, or a wrong scheme', async () => {
    for (const token of [null, 'nope']) {
      const res = await call('GET', '/members', { token });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ message: 'Unauthorized' });
    }
    const res = await client.request({ method: 'GET', path: `${BASE}/members`, headers: { authorization: `Basic ${RW}` } });
    expect(res.statusCode).toBe(401);
    await res.body.text();
  });

  it('lets the read-only token read and answers 403 {message} to its writes', async () => {
    expect((await call('GET', '/members', { token: RO })).status).toBe(200);
    const member = members()[0]!;
    const group = groupNamed('Guests');
    const writes: Array<[string, string, unknown]> = [
      ['POST', '/member', { name: 'New Person', password: 'longenough' }],
      ['PUT', `/member/${member.id}`, { name: 'Renamed' }],
      ['DELETE', `/member/${member.id}`, undefined],
      ['POST', `/member/${member.id}/disconnect`, undefined],
      ['POST', '/group', { name: 'X' }],
      ['POST', `/relation/group/${group.id}/member/${member.id}`, undefined],
    ];
    for (const [method, path, json] of writes) {
      const res = await call(method, path, { token: RO, json });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(typeof res.body.message).toBe('string');
    }
    expect(sim.state.members.get(member.id)?.name).toBe(member.name);
    expect(sim.state.relations.get(group.id)?.size).toBe(0);
  });

  it('checks the token on the connectivity test, which answers the documented message', async () => {
    expect((await call('GET', '/test-connection', { token: null })).status).toBe(401);
    const res = await call('GET', '/test-connection');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ message: 'Connection has been established successfully.' });
  });
});

describe('routing', () => {
  it('answers an unknown route 404 and a wrong method 405, both as {message}', async () => {
    const unknown = await call('GET', '/teams');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ message: expect.any(String) });
    const wrongMethod = await call('PATCH', `/member/${members()[0]!.id}`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body).toEqual({ message: expect.any(String) });
  });

  it('keeps encoded ids inside their segment: they land on the item route and are 404s', async () => {
    for (const id of ['..%2Fmembers', 'a%2Fb', '%2F', '%2E%2E', 'not-a-uuid']) {
      server.log.clear();
      const res = await call('GET', `/member/${id}`);
      expect(res.status, id).toBe(404);
      expect(res.body.message).toMatch(/not found/);
      expect(server.log.list().map((e) => e.route)).toEqual([`${BASE}/member/{teamMemberId}`]);
    }
  });
});

describe('members', () => {
  it('lists every member in one array with the list field names', async () => {
    const res = await call('GET', '/members');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(40);
    const first = res.body[0];
    expect(Object.keys(first).sort()).toEqual(['avatar', 'created_at', 'id', 'is_mfa_active', 'is_user_blocked', 'name', 'username']);
    expect(first.created_at).toMatch(DATETIME);
    const blocked = members().find((m) => m.blocked)!;
    expect(res.body.find((m: { id: string; is_user_blocked?: boolean }) => m.id === blocked.id).is_user_blocked).toBe(true);
  });

  it('gets one member with the other field names and no created_at', async () => {
    const member = members().find((m) => m.mfaActive)!;
    const res = await call('GET', `/member/${member.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: member.id,
      name: member.name,
      email: member.username,
      avatar_url: member.avatar,
      is_mfa_active: true,
      is_blocked: member.blocked,
    });
    const missing = await call('GET', `/member/${UNKNOWN_ID}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: `Member with id ${UNKNOWN_ID} was not found.` });
  });

  it('creates a member with 200 {created_id, message}; the name is also the login', async () => {
    const res = await call('POST', '/member', { json: { name: 'build-bot@acme.example', password: 'S3cret-pass' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created_id: expect.stringMatching(/^[0-9a-f-]{36}$/), message: 'Member created successfully' });
    const got = await call('GET', `/member/${res.body.created_id}`);
    expect(got.body).toMatchObject({ name: 'build-bot@acme.example', email: 'build-bot@acme.example', is_blocked: false });
    const list = await call('GET', '/members');
    expect(list.body).toHaveLength(41);
    expect(list.body.at(-1).created_at).toMatch(DATETIME);
  });

  it('never returns a password, in any response', async () => {
    const password = 'Pa55word-never-shown';
    const created = await call('POST', '/member', { json: { name: 'Echo Test', password } });
    const id = created.body.created_id;
    const texts = [
      created.text,
      (await call('GET', '/members')).text,
      (await call('GET', `/member/${id}`)).text,
      (await call('PUT', `/member/${id}`, { json: { password } })).text,
      (await call('POST', '/member', { json: { name: 'Echo Test', password } })).text, // 409
      (await call('PUT', `/member/${id}`, { json: { password: 'short' } })).text, // 400
    ];
    for (const text of texts) expect(text).not.toContain(password);
    expect(texts.join()).not.toContain('password":');
    expect(sim.state.members.get(id)?.password).toBe(password);
  });

  it('refuses invalid bodies with 400 naming the field', async () => {
    const cases: Array<[unknown, string | undefined, RegExp]> = [
      [{ password: 'longenough' }, undefined, /'name'/],
      [{ name: '   ', password: 'longenough' }, undefined, /'name'/],
      [{ name: 42, password: 'longenough' }, undefined, /'name'/],
      [{ name: 'Short Pass', password: 'short' }, undefined, /'password'.*8/],
      [{ name: 'No Pass' }, undefined, /'password'/],
      [undefined, '{not json', /JSON/],
      [undefined, '[1,2]', /JSON object/],
    ];
    for (const [json, raw, message] of cases) {
      const res = await call('POST', '/member', { json, raw });
      expect(res.status, JSON.stringify(json ?? raw)).toBe(400);
      expect(res.body.message).toMatch(message);
    }
    expect(members()).toHaveLength(40);
  });

  it('answers 409 when the name is taken (as a name or as a login)', async () => {
    const [a, b] = members();
    expect((await call('POST', '/member', { json: { name: a!.name.toUpperCase(), password: 'longenough' } })).status).toBe(409);
    expect((await call('POST', '/member', { json: { name: a!.username, password: 'longenough' } })).status).toBe(409);
    const rename = await call('PUT', `/member/${b!.id}`, { json: { name: a!.name } });
    expect(rename.status).toBe(409);
    expect(rename.body.message).toContain(a!.name);
  });

  it('updates name and password partially', async () => {
    const member = members()[3]!;
    const oldPassword = member.password;
    const res = await call('PUT', `/member/${member.id}`, { json: { name: 'Renamed Person' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ message: `Member with id ${member.id} has been modified.` });
    expect(sim.state.members.get(member.id)).toMatchObject({ name: 'Renamed Person', password: oldPassword });
    expect((await call('PUT', `/member/${member.id}`, { json: { password: 'brand-new-pass' } })).status).toBe(200);
    expect(sim.state.members.get(member.id)).toMatchObject({ name: 'Renamed Person', password: 'brand-new-pass' });
    expect((await call('PUT', `/member/${member.id}`, { json: {} })).status).toBe(200);
    expect((await call('PUT', `/member/${UNKNOWN_ID}`, { json: { name: 'x' } })).status).toBe(404);
    expect((await call('PUT', `/member/${member.id}`, { json: { password: 'short' } })).status).toBe(400);
  });

  it('deletes with 200, then 404; the member leaves its groups', async () => {
    const [groupId, ids] = [...sim.state.relations].find(([, ids]) => ids.size > 0)!;
    const memberId = [...ids][0]!;
    const res = await call('DELETE', `/member/${memberId}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ message: `User with id ${memberId} has been removed.` });
    expect((await call('DELETE', `/member/${memberId}`)).status).toBe(404);
    expect((await call('GET', `/member/${memberId}`)).status).toBe(404);
    const groupMembers = await call('GET', `/relation/group/${groupId}/members`);
    expect(groupMembers.body.map((m: { id: string; is_user_blocked?: boolean }) => m.id)).not.toContain(memberId);
  });

  it('disconnect ends every VPN session, answers 200 with none left, 404 for an unknown member', async () => {
    const member = members().find((m) => m.sessions > 0)!;
    const res = await call('POST', `/member/${member.id}/disconnect`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ message: expect.any(String) });
    expect(sim.activeSessions(member.id)).toBe(0);
    expect((await call('POST', `/member/${member.id}/disconnect`)).status).toBe(200);
    sim.openSession(member.id);
    expect(sim.activeSessions(member.id)).toBe(1);
    expect((await call('POST', `/member/${UNKNOWN_ID}/disconnect`)).status).toBe(404);
  });
});

describe('groups', () => {
  it('lists and gets groups with their flags', async () => {
    const list = await call('GET', '/groups');
    expect(list.status).toBe(200);
    expect(list.body.map((g: { name: string }) => g.name)).toEqual(['Engineering', 'Sales', 'Support', 'Finance', 'Contractors', 'Guests']);
    expect(Object.keys(list.body[0]).sort()).toEqual(['forced_always_on_excluded', 'forced_always_on_included', 'geo_restriction_included', 'id', 'name']);
    const one = await call('GET', `/group/${list.body[1].id}`);
    expect(one.body).toEqual(list.body[1]);
    expect((await call('GET', `/group/${UNKNOWN_ID}`)).status).toBe(404);
  });

  it('creates (409 on a duplicate name), updates and deletes a group', async () => {
    const created = await call('POST', '/group', { json: { name: 'Auditors', geo_restriction_included: true } });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ created_id: expect.any(String), message: 'Group created successfully' });
    const id = created.body.created_id;
    expect((await call('GET', `/group/${id}`)).body).toMatchObject({ name: 'Auditors', geo_restriction_included: true });
    expect((await call('POST', '/group', { json: { name: 'auditors' } })).status).toBe(409);
    expect((await call('POST', '/group', { json: {} })).status).toBe(400);
    expect((await call('POST', '/group', { json: { name: 'Flags', forced_always_on_included: 'yes' } })).status).toBe(400);
    expect((await call('PUT', `/group/${id}`, { json: { name: 'Sales' } })).status).toBe(409);
    expect((await call('PUT', `/group/${id}`, { json: { name: 'Audit' } })).status).toBe(200);
    expect((await call('GET', `/group/${id}`)).body).toMatchObject({ name: 'Audit', geo_restriction_included: true });
    expect((await call('PUT', `/group/${UNKNOWN_ID}`, { json: { name: 'Nope' } })).status).toBe(404);
    expect((await call('DELETE', `/group/${id}`)).status).toBe(200);
    expect((await call('DELETE', `/group/${id}`)).status).toBe(404);
    expect((await call('GET', `/relation/group/${id}/members`)).status).toBe(404);
  });
});

describe('group relations', () => {
  it("lists a group's members as list-shaped items", async () => {
    const group = groupNamed('Engineering');
    const res = await call('GET', `/relation/group/${group.id}/members`);
    expect(res.status).toBe(200);
    expect(res.body.map((m: { id: string; is_user_blocked?: boolean }) => m.id)).toEqual([...sim.state.relations.get(group.id)!]);
    expect(Object.keys(res.body[0])).toContain('is_user_blocked');
    expect((await call('GET', `/relation/group/${groupNamed('Guests').id}/members`)).body).toEqual([]);
    expect((await call('GET', `/relation/group/${UNKNOWN_ID}/members`)).status).toBe(404);
  });

  it('creates a relation (409 when it exists) and removes it (404 when absent)', async () => {
    const group = groupNamed('Guests');
    const member = members()[0]!;
    const path = `/relation/group/${group.id}/member/${member.id}`;
    const added = await call('POST', path);
    expect(added.status).toBe(200);
    expect(added.body).toEqual({ message: 'Relation created successfully' });
    expect((await call('POST', path)).status).toBe(409);
    expect((await call('GET', `/relation/group/${group.id}/members`)).body.map((m: { id: string; is_user_blocked?: boolean }) => m.id)).toEqual([member.id]);
    const removed = await call('DELETE', path);
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ message: 'Relation removed successfully' });
    const again = await call('DELETE', path);
    expect(again.status).toBe(404);
    expect(again.body).toEqual({ message: expect.any(String) });
  });

  it('answers 404 for an unknown group or member', async () => {
    const group = groupNamed('Guests');
    const member = members()[0]!;
    expect((await call('POST', `/relation/group/${UNKNOWN_ID}/member/${member.id}`)).status).toBe(404);
    expect((await call('POST', `/relation/group/${group.id}/member/${UNKNOWN_ID}`)).status).toBe(404);
    expect((await call('DELETE', `/relation/group/${group.id}/member/${UNKNOWN_ID}`)).status).toBe(404);
  });
});

describe('faults and describe()', () => {
  it('answers injected faults with the {message} envelope and a Retry-After on 429', async () => {
    server.faults.add({ kind: 'rateLimit', retryAfter: 3, times: 1, match: { route: `${BASE}/members` } });
    const res = await client.request({ method: 'GET', path: `${BASE}/members`, headers: { authorization: `Bearer ${RW}` } });
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('3');
    expect(await res.body.json()).toEqual({ message: expect.any(String) });
  });

  it('describes its credentials and first ids', () => {
    const described = sim.describe();
    expect(described.credentials).toContain('Bearer sandbox-token');
    expect(described.credentials).toContain('sandbox-readonly-token');
    expect(described.notes?.join('\n')).toContain(groupNamed('Engineering').id);
  });
});
