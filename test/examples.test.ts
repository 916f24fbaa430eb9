// The typed examples against the sandbox: the team page pages a group to the end, and examples/sync-team.ts, run as a
// child process the way a person runs it, plans without writing, makes a group equal to a CSV (Cloudflare's native
// replace, Bird's emulated one), reports bad references, waits out rate limits and refuses bad usage with exit 2.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createClient, GraphQLRequestError } from '../examples/client.js';
import { PROVIDERS } from '../examples/operations.js';
import { parseMembersCsv, planSync } from '../examples/sync-team.js';
import { createTeamPage, type TeamMember } from '../examples/team-page.js';
import type { BirdSimulator } from '../src/sandbox/bird/index.js';
import { gatewayForFile } from './support/gateway.js';
import { groupId, groupMembers, organizationId, organizationMembers, type MemberShape } from './mutations/support.js';

// Cloudflare's replace PUT is idempotent, so the gateway itself retries a 429 (waiting its Retry-After) up to three
// times; with one attempt the RateLimitedError reaches the CLI, whose waiting is what is tested here.
const g = gatewayForFile({ httpFor: { CLOUDFLARE: { retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 5 } } } }, { resetEach: true });

const REPO = path.resolve(import.meta.dirname, '..');
const SCRIPT = path.join('examples', 'sync-team.ts');
const MEMBERS_ROUTE = '/client/v4/accounts/{account_id}/iam/user_groups/{user_group_id}/members';
const BIRD_MEMBERS_ROUTE = '/organizations/{organizationId}/teams/{teamId}/members';
const dir = mkdtempSync(path.join(tmpdir(), 'sync-team-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the CLI as `node --import tsx examples/sync-team.ts ...` from the repository root. */
function syncTeam(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, ...args], {
    cwd: REPO,
    env: { ...process.env, TEAMGRAPH_KEY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }));
  });
}

let csvCount = 0;
function csvFile(lines: readonly string[]): string {
  const file = path.join(dir, `members-${++csvCount}.csv`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** The CLI's arguments for the harness gateway. */
const target = (group: string, csv: string, ...more: string[]) => ['--url', g.url, '--key', 'sandbox', '--group', group, '--csv', csv, ...more];

/** Active account members outside the group, with an e-mail and a user id (so any reference reaches them). */
async function outsiders(group: string, count: number): Promise<MemberShape[]> {
  const inGroup = new Set((await groupMembers(g, group)).map((m) => m.memberId));
  const all = await organizationMembers(g, await organizationId(g, 'CLOUDFLARE', 'Acme Corporation'));
  const found = all.filter((m) => !inGroup.has(m.memberId) && m.status === 'ACTIVE' && m.email && m.userId).slice(0, count);
  expect(found).toHaveLength(count);
  return found;
}

/**
 * A CSV for Auditors that keeps two of its members (one by memberId, one by e-mail in upper case), adds two
 * outsiders (one by e-mail, one by userId under a `# comment`) and so drops the rest.
 */
async function auditorsCase() {
  const group = await groupId(g, 'CLOUDFLARE', 'Auditors', 'Acme Corporation');
  const before = await groupMembers(g, group);
  expect(before.length).toBeGreaterThan(2);
  const kept = before.slice(0, 2);
  const added = await outsiders(group, 2);
  const csv = csvFile(['email', '# kept', kept[0]!.memberId, `  ${kept[1]!.email!.toUpperCase()}  `, '', '# joining', added[0]!.email!, added[1]!.email!]);
  return { group, before, kept, added, dropped: before.slice(2), csv };
}

/** Every write the simulators were sent since the last clearLogs. */
const writeCalls = () => g.calls().filter((entry) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(entry.method));

describe('examples/team-page.ts', () => {
  it('pages a group to the end through the typed client: every member once, then null', async () => {
    const group = await groupId(g, 'CLOUDFLARE', 'Security', 'Acme Corporation');
    const expected = await groupMembers(g, group);
    const page = createTeamPage(createClient({ url: g.url, key: 'sandbox' }), group, { pageSize: 10 });

    const seen: TeamMember[] = [];
    const sizes: number[] = [];
    for (let result = await page.next(); result; result = await page.next()) {
      expect(result.group).toMatchObject({ id: group, name: 'Security', provider: 'CLOUDFLARE', kind: 'UserGroup' });
      expect(result.hasMore).toBe(!page.done);
      sizes.push(result.members.length);
      seen.push(...result.members);
      expect(sizes.length, 'pages end').toBeLessThan(10);
    }
    expect(page.done).toBe(true);
    expect(await page.next()).toBeNull();
    expect(sizes).toEqual([10, 10, expected.length - 20]);
    const ids = seen.map((m) => m.id);
    expect(new Set(ids).size, 'no member twice').toBe(ids.length);
    expect(new Set(seen.map((m) => m.memberId))).toEqual(new Set(expected.map((m) => m.memberId)));
  });

  it('the typed client: data typed by the document; GraphQL errors and a bad key throw', async () => {
    const client = createClient({ url: g.url, key: 'sandbox' });
    const { providers } = await client.request(PROVIDERS, {});
    expect(providers.map((p) => p.id).sort()).toEqual(['BIRD', 'CHECKMARX', 'CLOUDFLARE', 'GITBOOK', 'GOODACCESS']);
    expect(providers.every((p) => p.mode === 'SANDBOX')).toBe(true);

    await expect(createTeamPage(client, 'not-an-id').next()).rejects.toMatchObject({
      name: 'GraphQLRequestError',
      errors: [{ extensions: { code: 'BAD_USER_INPUT' } }],
    });
    const refused = createClient({ url: g.url, key: 'wrong-key-0000' }).request(PROVIDERS, {});
    await expect(refused).rejects.toBeInstanceOf(GraphQLRequestError);
    await expect(refused).rejects.toMatchObject({ status: 401 });
  });
});

describe('examples/sync-team.ts: the CSV and the plan', () => {
  it('reads one column with an optional header; e-mails and ids mixed; trims; skips blanks, comments and repeats', () => {
    expect(parseMembersCsv('\uFEFFuserId\r\n # who\r\n abc \r\n\r\nAda@Example.com\r\n"def"\r\nada@example.com\r\nabc\r\n')).toEqual([
      { kind: 'userId', value: 'abc', line: 3 },
      { kind: 'email', value: 'Ada@Example.com', line: 5 },
      { kind: 'userId', value: 'def', line: 6 },
    ]);
    expect(parseMembersCsv('abc\nx@y.example\n').map((r) => r.kind)).toEqual(['memberId', 'email']);
    expect(() => parseMembersCsv('email\nx@y.example,Ada\n')).toThrow('CSV line 2: one column expected');
    expect(() => parseMembersCsv('abc\nemail\n')).toThrow('only allowed on the first line');
  });

  it('plans from the current members: each reference keeps or adds, the rest is removed', () => {
    const current = [
      { memberId: 'm1', userId: 'u1', email: 'one@example.com', displayName: null },
      { memberId: 'm2', userId: 'u2', email: 'two@example.com', displayName: null },
      { memberId: 'm3', userId: null, email: null, displayName: null },
    ];
    const refs = parseMembersCsv('userId\nU1\nTWO@example.com\nu2\nnew@example.com\n');
    const plan = planSync(refs, current);
    expect(plan.add.map((r) => r.value)).toEqual(['new@example.com']);
    expect(plan.keep.map((k) => [k.ref.value, k.member.memberId])).toEqual([
      ['U1', 'm1'],
      ['TWO@example.com', 'm2'],
    ]);
    expect(plan.remove.map((m) => m.memberId)).toEqual(['m3']);
  });
});

describe('examples/sync-team.ts against the sandbox', () => {
  it('--dry-run prints the plan and writes nothing', async () => {
    const { group, kept, added, dropped, csv } = await auditorsCase();
    g.clearLogs();
    const run = await syncTeam(target(group, csv, '--dry-run'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `Plan for UserGroup "Auditors" (CLOUDFLARE, Acme Corporation): 2 to add, ${dropped.length} to remove, 2 unchanged (dry run: nothing written)`,
    );
    for (const member of added) expect(run.stdout).toMatch(new RegExp(`^  add +email ${member.email}`, 'm'));
    for (const member of kept) expect(run.stdout).toMatch(new RegExp(`^  keep .*memberId ${member.memberId}`, 'm'));
    for (const member of dropped) expect(run.stdout).toMatch(new RegExp(`^  remove +memberId ${member.memberId}`, 'm'));
    expect(g.calls().length, 'the plan read the group').toBeGreaterThan(0);
    expect(writeCalls()).toEqual([]);
    expect((await groupMembers(g, group)).length).toBe(kept.length + dropped.length);
  });

  it('a run makes the group equal to the CSV and prints one line per member, exit 0', async () => {
    const { group, kept, added, dropped, csv } = await auditorsCase();
    const run = await syncTeam(target(group, csv));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe(`Setting the members of UserGroup "Auditors" (CLOUDFLARE, Acme Corporation) to the 4 named in ${csv}`);
    expect(lines.at(-1)).toBe(`summary: 2 added, 2 already members, ${dropped.length} removed, 0 not members, 0 failed`);
    expect(lines.slice(1, -1)).toHaveLength(4 + dropped.length);
    expect(run.stdout).toMatch(new RegExp(`^ALREADY_MEMBER +.*memberId ${kept[0]!.memberId} \\(line 3\\)$`, 'm'));
    for (const member of added) expect(run.stdout).toMatch(new RegExp(`^ADDED +email ${member.email}.*\\(line \\d+\\)$`, 'm'));
    for (const member of dropped) expect(run.stdout).toMatch(new RegExp(`^REMOVED +.*memberId ${member.memberId}`, 'm'));

    const after = await groupMembers(g, group);
    expect(new Set(after.map((m) => m.memberId))).toEqual(new Set([...kept, ...added].map((m) => m.memberId)));
  });

  it('a reference that names nobody: reported with its CSV line, nothing applied, non-zero exit', async () => {
    const { group, before, kept } = await auditorsCase();
    const csv = csvFile([kept[0]!.memberId, 'nobody-here@example.com']);
    g.clearLogs();
    const run = await syncTeam(target(group, csv));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/setMembers failed: ValidationError: .*\(CSV line 2: nobody-here@example\.com\)/);
    expect(writeCalls()).toEqual([]);
    expect(new Set((await groupMembers(g, group)).map((m) => m.memberId))).toEqual(new Set(before.map((m) => m.memberId)));
  });

  it('a member that FAILED (an emulated change applies the rest): its line says why, non-zero exit', async () => {
    const group = await groupId(g, 'BIRD', 'Design');
    const before = await groupMembers(g, group);
    const unknown = '00000000-0000-4000-8000-000000000001';
    const csv = csvFile(['memberId', before[0]!.memberId, unknown]);
    const run = await syncTeam(target(group, csv));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`^ALREADY_MEMBER +memberId ${before[0]!.memberId} \\(line 2\\)$`, 'm'));
    expect(run.stdout).toMatch(new RegExp(`^FAILED +memberId ${unknown} \\(line 3\\)  NotFoundError: .+`, 'm'));
    expect(run.stdout).toMatch(new RegExp(`^summary: 0 added, 1 already members, ${before.length - 1} removed, 0 not members, 1 failed$`, 'm'));
    expect((await groupMembers(g, group)).map((m) => m.memberId)).toEqual([before[0]!.memberId]);
  });

  it('a RateLimitedError is waited out (its retryAfter) and the change sent again', async () => {
    const { group, kept, added, csv } = await auditorsCase();
    await addFault({ kind: 'rateLimit', retryAfter: 1, times: 1, match: { method: 'PUT', route: MEMBERS_ROUTE } });
    g.clearLogs();
    const run = await syncTeam(target(group, csv));
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^rate limited \(.*\): waiting 1s, then retry 1 of 3$/m);
    expect(run.ms).toBeGreaterThanOrEqual(1000);
    expect(writeCalls().map((e) => `${e.method} ${e.status}`)).toEqual(['PUT 429', 'PUT 200']);
    expect(run.stdout).toMatch(/^summary: 2 added, 2 already members, \d+ removed, 0 not members, 0 failed$/m);
    expect(new Set((await groupMembers(g, group)).map((m) => m.memberId))).toEqual(new Set([...kept, ...added].map((m) => m.memberId)));
  });

  it('a rate limit that stopped part of an emulated change: waited out, sent again, the outcome reported across both', async () => {
    const group = await groupId(g, 'BIRD', 'Design');
    const before = await groupMembers(g, group);
    const world = (g.sandbox.servers.bird.simulator as BirdSimulator).snapshot();
    const inTeam = new Set(before.map((m) => m.memberId));
    const joining = world.userIds.filter((id) => !inTeam.has(id)).slice(0, 6);
    const csv = csvFile(['memberId', before[0]!.memberId, ...joining]);
    g.clearLogs();
    // One of the concurrent adds answers 429: the change stops the adds not yet sent and reports them FAILED.
    await addFault({ kind: 'rateLimit', retryAfter: 1, times: 1, match: { method: 'POST', route: BIRD_MEMBERS_ROUTE } }, 'bird');
    const run = await syncTeam(target(group, csv));
    expect(run.stderr).toMatch(/^rate limited \(.*\): waiting 1s, then retry 1 of 3$/m);
    expect(run.code).toBe(0);
    // The second attempt finds the first one's adds in place and its removals done; the lines still say ADDED and REMOVED.
    expect(run.stdout).toMatch(new RegExp(`^summary: 6 added, 1 already members, ${before.length - 1} removed, 0 not members, 0 failed$`, 'm'));
    for (const id of joining) expect(run.stdout).toMatch(new RegExp(`^ADDED +memberId ${id} `, 'm'));
    expect(new Set((await groupMembers(g, group)).map((m) => m.memberId))).toEqual(new Set([before[0]!.memberId, ...joining])); // Each newcomer was POSTed once: those the first attempt added were ALREADY_MEMBER to the second.
    const posts = g.calls('BIRD').filter((e) => e.method === 'POST');
    expect(posts.map((e) => e.status).sort()).toEqual([201, 201, 201, 201, 201, 201, 429]);
  });

  it('a rate limit that outlasts --max-retries: non-zero exit, saying so', async () => {
    const { group, csv } = await auditorsCase();
    await addFault({ kind: 'rateLimit', retryAfter: 1, match: { method: 'PUT', route: MEMBERS_ROUTE } });
    const run = await syncTeam(target(group, csv, '--max-retries', '0'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/setMembers failed: RateLimitedError: .*\(after 0 retries\)/);
  });

  it('a gateway that does not answer: exit 1, saying which URL', async () => {
    // A port that was free a moment ago: nothing listens on it (fetch refuses well-known ports such as 9 outright).
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/graphql`;
    await new Promise((resolve) => probe.close(resolve));
    const run = await syncTeam(['--url', url, '--key', 'sandbox', '--group', 'x', '--csv', csvFile(['ada@example.com'])]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`sync-team: cannot reach ${url}: ECONNREFUSED\n`);
  });

  it.each([
    ['no --group', (csv: string) => ['--url', g.url, '--key', 'sandbox', '--csv', csv], /missing --group/],
    ['no key', (csv: string) => ['--url', g.url, '--group', 'x', '--csv', csv], /missing --key \(or TEAMGRAPH_KEY\)/],
    ['an unknown option', (csv: string) => [...target('x', csv), '--force'], /Unknown option '--force'/],
    ['a bad --max-retries', (csv: string) => [...target('x', csv), '--max-retries', 'lots'], /--max-retries must be a whole number from 0 to 20/],
    ['a bad --url', (csv: string) => [...target('x', csv), '--url', 'localhost:4000'], /--url must be an http\(s\) URL/],
    ['a missing CSV file', () => target('x', path.join(dir, 'absent.csv')), /cannot read --csv .*absent\.csv: ENOENT/],
    ['a two-column CSV', () => target('x', csvFile(['email,name', 'ada@example.com,Ada'])), /CSV line 1: one column expected/],
    ['an empty CSV', () => target('x', csvFile(['email', '# nobody'])), /names no member: that would clear the group \(pass --allow-empty/],
  ])('usage error: %s exits 2 with a message and the usage, calling nothing', async (_name, args, message) => {
    const csv = csvFile(['ada@example.com']);
    g.clearLogs();
    const run = await syncTeam(args(csv));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('Usage: sync-team');
    expect(run.stdout).toBe('');
    expect(g.calls()).toEqual([]);
  });
});

/** Adds a fault through a simulator's control API (`POST /__sandbox/faults`), as a script would. */
async function addFault(rule: Record<string, unknown>, simulator: 'cloudflare' | 'bird' = 'cloudflare'): Promise<void> {
  const response = await fetch(new URL('/__sandbox/faults', g.sandbox.servers[simulator].baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rule),
  });
  expect(response.status).toBe(200);
}
