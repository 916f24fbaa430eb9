// The access-review CLI as a user runs it, a real child process against the real gateway over the sandbox.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, snapshotCsv } from '../src/cli/access-review/csv.js';
import { run } from '../src/cli/access-review/run.js';
import type { Membership, Snapshot } from '../src/cli/access-review/snapshot.js';
import { dataOf, gatewayForFile } from './support/gateway.js';
import { apiKey } from './support/keys.js';

/** A read-only key of this file's own, distinctive enough that finding it anywhere in an output is a leak. */
const REVIEW_KEY = `review-key-${randomBytes(12).toString('hex')}`;
const WRITE_ONLY_KEY = `write-only-${randomBytes(12).toString('hex')}`;
const g = gatewayForFile({ apiKeys: [apiKey('access-review', REVIEW_KEY, ['read']), apiKey('writer', WRITE_ONLY_KEY, ['write'])] });
const dir = mkdtempSync(join(tmpdir(), 'access-review-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => join(dir, name);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run access-review -- <args>` without npm's banner: tsx running the entry point, with only the env given. */
function cli(args: readonly string[], env: Record<string, string> = { TEAMGRAPH_API_KEY: REVIEW_KEY }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/access-review/main.ts', ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function readSnapshotFile(name: string): Snapshot {
  return JSON.parse(readFileSync(file(name), 'utf8')) as Snapshot;
}

/** RFC 4180: fields split on commas outside quotes, `""` inside quotes is one quote, records end with CRLF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      field += c;
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  expect(field, 'the file ends with CRLF').toBe('');
  return records;
}

/** Memberships counted per place: organization-level under the organization's id, group-level under the group's. */
function countByPlace(memberships: readonly Membership[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of memberships) {
    const place = m.group?.id ?? m.organization.id;
    counts.set(place, (counts.get(place) ?? 0) + 1);
  }
  return counts;
}

interface Place {
  id: string;
  name: string;
  memberCount?: number | null;
  members: { totalCount: number | null } | null;
}
interface OrganizationCounts {
  id: string;
  provider: string;
  teams: { pageInfo: { hasNextPage: boolean }; edges: Array<{ node: Place }> };
  userGroups: { pageInfo: { hasNextPage: boolean }; edges: Array<{ node: Place }> };
}

/** What the API says each group and organization holds, for checking the snapshot read every page. */
async function expectedCounts(): Promise<Map<string, number>> {
  const groups = 'pageInfo { hasNextPage } edges { node { id name memberCount members(first: 0) { totalCount } } }';
  const organizations = dataOf(
    await g.query<{ organizations: { edges: Array<{ node: OrganizationCounts }> } }>(
      `{ organizations(first: 100) { edges { node { id provider teams(first: 100) { ${groups} } userGroups(first: 100) { ${groups} } } } } }`,
    ),
  ).organizations.edges.map((e) => e.node);
  const expected = new Map<string, number>();
  for (const organization of organizations) {
    expect(organization.teams.pageInfo.hasNextPage || organization.userGroups.pageInfo.hasNextPage).toBe(false);
    for (const { node } of [...organization.teams.edges, ...organization.userGroups.edges]) {
      // Bird's member pages carry no total: its group record's count stands in.
      const count = node.members?.totalCount ?? node.memberCount;
      if (typeof count !== 'number') throw new Error(`no member count for group ${node.name}`);
      if (count > 0) expected.set(node.id, count);
    }
    if (organization.provider === 'BIRD') continue; // Bird's API lists no organization members.
    const own = dataOf(
      await g.query<{ node: { members: { totalCount: number } } }>(
        'query ($id: ID!) { node(id: $id) { ... on Organization { members(first: 0) { totalCount } } } }',
        {
          id: organization.id,
        },
      ),
    );
    if (own.node.members.totalCount > 0) expected.set(organization.id, own.node.members.totalCount);
  }
  return expected;
}

function expectNoKey(run: Run, ...files: string[]): void {
  for (const key of [REVIEW_KEY, WRITE_ONLY_KEY]) {
    expect(run.stdout).not.toContain(key);
    expect(run.stderr).not.toContain(key);
  }
  for (const name of files) expect(readFileSync(file(name), 'utf8')).not.toContain(REVIEW_KEY);
}

describe('access-review: a snapshot of the whole sandbox', () => {
  it('holds every membership of every group and organization once, as JSON and as RFC 4180 CSV, with progress on stderr', { timeout: 40_000 }, async () => {
    const run = await cli(['--url', g.url, '--out', file('full.json'), '--csv', file('full.csv')]);
    expect(run.stderr).toMatch(/pages read, \d+ memberships, done\n$/);
    expect(run.code, run.stderr).toBe(0);
    expectNoKey(run, 'full.json', 'full.csv');

    const snapshot = readSnapshotFile('full.json');
    expect(snapshot).toMatchObject({ format: 'teamgraph-access-review', version: 1, source: new URL(g.url).origin, providerFilter: null });
    expect(snapshot.providers.map((p) => p.id)).toEqual(['GOODACCESS', 'GITBOOK', 'BIRD', 'CHECKMARX', 'CLOUDFLARE']);
    expect(snapshot.durationMs).toBeGreaterThanOrEqual(0);
    expect(snapshot.counts.memberships).toBe(snapshot.memberships.length);
    expect(run.stdout).toContain(`${snapshot.counts.memberships} memberships of ${snapshot.counts.people} people`);

    // Every page to its end: each group's and organization's count is what the API says it holds.
    expect(Object.fromEntries(countByPlace(snapshot.memberships))).toEqual(Object.fromEntries(await expectedCounts()));
    // Each membership once, each person as the rules say: the e-mail trimmed and lower-cased, else provider:memberId.
    expect(new Set(snapshot.memberships.map((m) => m.memberGlobalId)).size).toBe(snapshot.memberships.length);
    for (const m of snapshot.memberships) {
      expect(m.person).toBe(m.email ?? `${m.provider}:${m.memberId}`);
      if (m.email) expect(m.email).toBe(m.email.trim().toLowerCase());
    }
    expect(snapshot.memberships.some((m) => m.provider === 'BIRD' && m.email === null)).toBe(true);

    // The CSV: the header, then one row per membership in the same order, each field as the JSON has it.
    const records = parseCsv(readFileSync(file('full.csv'), 'utf8'));
    expect(records[0]).toEqual([...CSV_COLUMNS]);
    expect(records).toHaveLength(snapshot.memberships.length + 1);
    const fields = (m: Membership) => [
      m.person,
      m.email ?? '',
      m.provider,
      m.organization.externalId,
      m.organization.name,
      m.group?.kind ?? 'ORGANIZATION',
      m.group?.externalId ?? '',
      m.group?.name ?? '',
      m.role ?? '',
      m.status,
      m.memberId,
      m.userId ?? '',
      m.displayName ?? '',
      m.memberGlobalId,
    ];
    // A text a spreadsheet would run as a formula is written with a leading apostrophe (see csv.ts).
    const asWritten = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
    expect(records.slice(1)).toEqual(snapshot.memberships.map((m) => fields(m).map(asWritten)));
  });
});

describe('access-review: CSV fields', () => {
  it('quotes a field with a comma, a quote or a line break (RFC 4180), and defuses one a spreadsheet would run', () => {
    const membership: Membership = {
      person: 'jo@example.com',
      email: 'jo@example.com',
      provider: 'GITBOOK',
      organization: { id: 'org-id', externalId: 'org', name: 'Acme, Inc.' },
      group: { id: 'group-id', externalId: 'team', name: 'The "Core" team', kind: 'TEAM' },
      role: 'OWNER',
      status: 'ACTIVE',
      memberId: 'm1',
      memberGlobalId: 'TWVt',
      userId: null,
      displayName: '=HYPERLINK("http://evil.example")\nJo',
    };
    const snapshot = readSnapshotFile('full.json');
    const text = snapshotCsv({ ...snapshot, memberships: [membership], counts: { ...snapshot.counts, memberships: 1 } });
    expect(text).toBe(
      `${CSV_COLUMNS.join(',')}\r\n` +
        'jo@example.com,jo@example.com,GITBOOK,org,"Acme, Inc.",TEAM,team,"The ""Core"" team",OWNER,ACTIVE,m1,,' +
        `"'=HYPERLINK(""http://evil.example"")\nJo",TWVt\r\n`,
    );
    expect(parseCsv(text)[1]).toEqual([
      'jo@example.com',
      'jo@example.com',
      'GITBOOK',
      'org',
      'Acme, Inc.',
      'TEAM',
      'team',
      'The "Core" team',
      'OWNER',
      'ACTIVE',
      'm1',
      '',
      `'=HYPERLINK("http://evil.example")\nJo`,
      'TWVt',
    ]);
  });
});

interface GroupWithMembers {
  id: string;
  name: string;
  members: { pageInfo: { hasNextPage: boolean }; edges: Array<{ node: { id: string; memberId: string; email: string | null; role: string | null } }> };
}

/** A provider's organizations with their groups' first 100 members (the sandbox's GoodAccess and GitBook groups are smaller). */
async function groupsOf(provider: 'GOODACCESS' | 'GITBOOK', filter = '{}'): Promise<GroupWithMembers[]> {
  const fields = `edges { node { id name members(first: 100, filter: ${filter}) { pageInfo { hasNextPage } edges { node { id memberId email role } } } } }`;
  // Few organizations and groups a page: the query's cost (pages multiplied) stays under the gateway's limit.
  const data = dataOf(
    await g.query<{
      organizations: {
        edges: Array<{ node: { teams: { edges: Array<{ node: GroupWithMembers }> }; userGroups: { edges: Array<{ node: GroupWithMembers }> } } }>;
      };
    }>(
      `query ($provider: ProviderId!) { organizations(provider: $provider, first: 3) { edges { node { teams(first: 20) { ${fields} } userGroups(first: 20) { ${fields} } } } } }`,
      { provider },
    ),
  );
  return data.organizations.edges.flatMap((e) => [...e.node.teams.edges, ...e.node.userGroups.edges].map((edge) => edge.node));
}

describe('access-review: the round trip of two snapshots and their diff', () => {
  it('reports the membership granted, the one revoked and the role changed, one line each, and exits 1', { timeout: 40_000 }, async () => {
    const providers = ['--provider', 'goodaccess', '--provider', 'GITBOOK'];
    const before = await cli(['--url', g.url, ...providers, '--out', file('before.json'), '--quiet']);
    expect(before.code, before.stderr).toBe(0);
    expect(before.stderr).toBe('');

    // Discovered, never hard-coded: a GoodAccess member with an e-mail who is in one group and not in another.
    const goodaccess = (await groupsOf('GOODACCESS')).filter((group) => group.members.edges.some((e) => e.node.email));
    const [revokeFrom, grantIn] = goodaccess;
    if (!revokeFrom || !grantIn) throw new Error('the sandbox needs two GoodAccess user groups with members');
    const inGrantGroup = new Set(grantIn.members.edges.map((e) => e.node.memberId));
    const revoked = revokeFrom.members.edges.find((e) => e.node.email)!.node;
    const granted = revokeFrom.members.edges.find((e) => e.node.email && !inGrantGroup.has(e.node.memberId) && e.node.memberId !== revoked.memberId)?.node;
    if (!granted) throw new Error(`no member of "${revokeFrom.name}" outside "${grantIn.name}" to grant`);
    // A GitBook team member with the MEMBER role and an e-mail, made OWNER.
    const team = (await groupsOf('GITBOOK', '{ role: [MEMBER] }')).find((group) => group.members.edges.some((e) => e.node.email));
    const promoted = team?.members.edges.find((e) => e.node.email)?.node;
    if (!team || !promoted) throw new Error('the sandbox needs a GitBook team member with the MEMBER role');

    const changed = dataOf(
      await g.query<Record<string, { __typename: string }>>(
        `mutation ($add: AddMembersInput!, $remove: RemoveMembersInput!, $role: SetMemberRoleInput!) {
          add: addMembers(input: $add) { __typename ... on AddMembersSuccess { summary { added } } }
          remove: removeMembers(input: $remove) { __typename ... on RemoveMembersSuccess { summary { removed } } }
          role: setMemberRole(input: $role) { __typename }
        }`,
        {
          add: { groupId: grantIn.id, members: [{ memberId: granted.memberId }] },
          remove: { groupId: revokeFrom.id, memberIds: [revoked.id] },
          role: { memberId: promoted.id, role: 'OWNER' },
        },
      ),
    );
    expect(changed).toEqual({
      add: { __typename: 'AddMembersSuccess', summary: { added: 1 } },
      remove: { __typename: 'RemoveMembersSuccess', summary: { removed: 1 } },
      role: { __typename: 'SetMemberRoleSuccess' },
    });

    const after = await cli(['--url', g.url, ...providers, '--out', file('after.json'), '--quiet']);
    expect(after.code, after.stderr).toBe(0);

    const [diff, same, otherProviders] = await Promise.all([
      cli(['--diff', file('before.json'), file('after.json')], {}),
      cli(['--diff', file('after.json'), file('after.json')], {}),
      cli(['--diff', file('full.json'), file('after.json')], {}),
    ]);
    expect(diff.stderr).toBe('');
    expect(diff.code).toBe(1);
    const lines = diff.stdout.trimEnd().split('\n');
    const email = (member: { email: string | null }) => member.email!.trim().toLowerCase();
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(
      new RegExp(`^GRANTED ${literal(email(granted))} GOODACCESS user group ${literal(JSON.stringify(grantIn.name))} in ".+" \\(status [A-Z_]+\\)$`),
    );
    expect(lines[1]).toMatch(
      new RegExp(`^REVOKED ${literal(email(revoked))} GOODACCESS user group ${literal(JSON.stringify(revokeFrom.name))} in ".+" \\(status [A-Z_]+\\)$`),
    );
    expect(lines[2]).toMatch(
      new RegExp(`^CHANGED ${literal(email(promoted))} GITBOOK team ${literal(JSON.stringify(team.name))} in ".+": role MEMBER -> OWNER$`),
    );
    expect(lines[3]).toMatch(/^3 changes: 1 granted, 1 revoked, 1 changed \(old: \d+ memberships taken .+; new: \d+ taken .+\)\.$/);

    // The same providers in the full snapshot, taken before any change: the same memberships, in the same order.
    const full = readSnapshotFile('full.json').memberships.filter((m) => m.provider === 'GOODACCESS' || m.provider === 'GITBOOK');
    expect(readSnapshotFile('before.json').memberships).toEqual(full);

    expect(same).toMatchObject({ code: 0, stderr: '' });
    expect(same.stdout).toMatch(/^No changes \(old: \d+ memberships taken .+\)\.\n$/);

    expect(otherProviders.code).toBe(2);
    expect(otherProviders.stderr).toMatch(/^access-review: the snapshots cover different providers \(old: .*BIRD.*; new: GITBOOK, GOODACCESS\)/);
    g.reset();
  });
});

/** A string matched literally inside a RegExp. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A port on 127.0.0.1 nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The same command line run in this process (the code main.ts runs), its output captured. */
async function runHere(args: readonly string[], env: Record<string, string> = { TEAMGRAPH_API_KEY: REVIEW_KEY }): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, env, { out: (text) => (stdout += text), err: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

describe('access-review: bad usage', () => {
  it('exits 2 with one line naming the problem, and never prints the key', { timeout: 30_000 }, async () => {
    writeFileSync(file('not-json.json'), '{ "format": ');
    writeFileSync(file('empty.key'), '\n');
    writeFileSync(file('old-version.json'), JSON.stringify({ format: 'teamgraph-access-review', version: 99 }));
    const snapshot = readSnapshotFile('full.json');
    writeFileSync(
      file('broken.json'),
      JSON.stringify({ ...snapshot, memberships: [{ ...snapshot.memberships[0], status: 7 }], counts: { ...snapshot.counts, memberships: 1 } }),
    );
    const port = await closedPort();
    const out = ['--out', file('unwritten.json')];
    const cases: Array<[string[], RegExp, Record<string, string>?]> = [
      [['--frobnicate'], /^unknown option --frobnicate/],
      [['--out'], /^--out needs a value/],
      [[], /^nothing to do: give --out/],
      [['--diff', file('full.json'), file('full.json'), ...out], /^--diff compares two files and takes no --out/],
      [['--diff', file('full.json')], /^--diff needs two snapshot files, old then new; got 1/],
      [['--diff', file('missing.json'), file('full.json')], /^cannot read .*missing\.json: no such file/],
      [['--diff', file('not-json.json'), file('full.json')], /not-json\.json is not JSON/],
      [['--diff', file('old-version.json'), file('full.json')], /old-version\.json has snapshot format version 99; this tool reads version 1/],
      [['--diff', file('full.json'), file('broken.json')], /broken\.json is not a valid snapshot: memberships\.0\.status: /],
      [[`--key=${REVIEW_KEY}`, ...out], /^--key is not accepted: .*TEAMGRAPH_API_KEY or use --key-file/],
      [['--key-file', file('no-key-here'), ...out], /^--key-file .*no-key-here: no such file/],
      [['--key-file', file('empty.key'), ...out], /^--key-file .*empty\.key is empty/],
      [['--concurrency', '0', ...out], /^--concurrency must be a whole number from 1 to 16/],
      [['--out', file('no-such-directory/x.json')], /^--out .*x\.json: cannot write in .*no-such-directory/],
      [['--url', `http://127.0.0.1:${port}/graphql`, ...out], /^cannot reach http:\/\/127\.0\.0\.1:\d+\/graphql \(ECONNREFUSED\)/],
      [['--url', g.url, ...out], /refused the API key \(HTTP 401: /, { TEAMGRAPH_API_KEY: `${REVIEW_KEY}-wrong` }],
      [['--url', g.url, ...out], /refused the API key: .*read.* \(a key with the read scope is needed\)/, { TEAMGRAPH_API_KEY: WRITE_ONLY_KEY }],
      [['--url', g.url, '--provider', 'NOPE', ...out], /^the gateway serves no provider NOPE \(it serves GOODACCESS, GITBOOK, BIRD, CHECKMARX, CLOUDFLARE\)/],
      [['--url', 'http://gateway.example/graphql', ...out], /^--url: refusing to send the API key over plain http/],
    ];
    const check = (run: Run, [args, message]: (typeof cases)[number]) => {
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.split('\n')).toHaveLength(2); // one line, then the final newline
      expect(run.stderr.replace(/^access-review: /, '')).toMatch(message);
      expectNoKey(run);
    };
    for (const example of cases) check(await runHere(example[0], example[2]), example);
    // And as a process: the status is the exit status, the line on stderr (the first, the 401 and the key refused).
    const named = (pattern: string) => cases.find(([, message]) => message.source.includes(pattern))!;
    const processes = [named('unknown option'), named('--key is not accepted'), named('HTTP 401')];
    const runs = await Promise.all(processes.map(([args, , env]) => cli(args, env)));
    runs.forEach((result, i) => check(result, processes[i]!));
    expect(existsSync(file('unwritten.json'))).toBe(false);

    const help = await runHere(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit status:\n\s+0 .*\n\s+1 .*\n\s+2 .*\n\s+3 /);
  });
});

describe('access-review: the key from a file', () => {
  it('reads it from --key-file (no key in the environment), and writes the snapshot', async () => {
    writeFileSync(file('review.key'), `${REVIEW_KEY}\n`, { mode: 0o600 });
    const result = await runHere(['--url', g.url, '--key-file', file('review.key'), '--provider', 'CHECKMARX', '--out', file('checkmarx.json'), '--quiet'], {});
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Wrote .*checkmarx\.json: \d+ memberships of \d+ people in \d+ groups of 1 organization \(CHECKMARX\), in [\d.]+ s\.\n$/);
    expect(readSnapshotFile('checkmarx.json').memberships).toEqual(readSnapshotFile('full.json').memberships.filter((m) => m.provider === 'CHECKMARX'));
    expectNoKey(result, 'checkmarx.json');
  });
});

describe('access-review: a provider failing', () => {
  it('exits 3 naming the provider and its error, and writes no file (a partial review would report false revocations)', async () => {
    g.sandbox.servers.goodaccess.faults.add({ kind: 'malformed', times: 1000 });
    try {
      const result = await cli(['--url', g.url, '--provider', 'GOODACCESS', '--out', file('failed.json'), '--quiet']);
      expect(result.code, result.stderr).toBe(3);
      expect(result.stderr).toMatch(/^access-review: the gateway answered an error: PROVIDER_BAD_RESPONSE from GOODACCESS at /);
      expect(result.stderr.split('\n')).toHaveLength(2);
      expect(existsSync(file('failed.json'))).toBe(false);
      expectNoKey(result);
    } finally {
      g.sandbox.servers.goodaccess.faults.clear();
    }
  });

  it('sends a request again when a provider was briefly unavailable, and the snapshot is whole', async () => {
    // Three 503s on GoodAccess's group list: the gateway's own three attempts at it all fail, so the request that
    // lists the groups answers PROVIDER_UNAVAILABLE; only the CLI sending it again reads the groups.
    const route = '/api/v1/groups';
    g.sandbox.servers.goodaccess.faults.add({ kind: 'error', status: 503, times: 3, match: { method: 'GET', route } });
    g.clearLogs();
    const result = await runHere(['--url', g.url, '--provider', 'GOODACCESS', '--out', file('retried.json'), '--quiet']);
    expect(result.code, result.stderr).toBe(0);
    const groupReads = g.calls('GOODACCESS').filter((call) => call.route === route);
    expect(groupReads.slice(0, 4).map((call) => call.status)).toEqual([503, 503, 503, 200]);
    const full = readSnapshotFile('full.json').memberships.filter((m) => m.provider === 'GOODACCESS');
    expect(readSnapshotFile('retried.json').memberships).toEqual(full);
  });
});
