// offboardPerson over the sandbox: a dry run writes nothing, an apply takes every reachable access away (read back through the API and the simulators), a second run is ALREADY_DONE.
import { describe, expect, it } from 'vitest';
import type { MemberRecord } from '../../src/providers/types.js';
import { closeAdapters, createAdapters } from '../../src/providers/registry.js';
import { createRequestContext } from '../../src/resolvers/context.js';
import { ValidationError } from '../../src/resolvers/writes/errors.js';
import { MAX_OFFBOARD_CHANGES } from '../../src/resolvers/writes/offboard-input.js';
import { planOffboarding } from '../../src/resolvers/writes/offboard-plan.js';
import type { GoodAccessSimulator } from '../../src/sandbox/goodaccess/index.js';
import { sandboxProviderConfigs } from '../../src/server/sandbox-providers.js';
import { dataOf, gatewayForFile } from '../support/gateway.js';
import { apiKey } from '../support/keys.js';
import { accessLines, changeLines, expectOrdered, expectedPlan, offboard, personToOffboard, writes } from './offboard-support.js';

const READER = 'offboard-reader-key-0001';
// Every test here may change membership: each starts from the seeded world.
const g = gatewayForFile({ apiKeys: [apiKey('reader', READER, ['read'])] }, { resetEach: true });

const PERSON = `query($email: String!) { person(email: $email) { email providers memberships(first: 100) { edges { node { provider group { id } } } } } }`;

interface PersonRead {
  person: { email: string; providers: string[]; memberships: { edges: Array<{ node: { provider: string; group: { id: string } | null } }> } } | null;
}

async function personThroughApi(email: string): Promise<PersonRead['person']> {
  return dataOf(await g.query<PersonRead>(PERSON, { email })).person;
}

describe('offboardPerson', () => {
  it('dry run: plans every change from the data, sends no write, changes nothing', async () => {
    const email = personToOffboard(g.sandbox);
    const before = accessLines(g.sandbox, email);
    g.clearLogs();
    const result = await offboard(g, { email, dryRun: true, clientMutationId: 'dry-1' });
    expect(result).toMatchObject({ __typename: 'OffboardPersonSuccess', email, dryRun: true, clientMutationId: 'dry-1' });
    expect(changeLines(result)).toEqual(expectedPlan(g.sandbox, email, 'PLANNED'));
    expectOrdered(result);
    // No POST, PUT, PATCH or DELETE reached any simulator (the Checkmarx token grant aside, which changes nothing).
    expect(writes(g)).toEqual({});
    expect(g.calls('BIRD')).toEqual([]);
    expect(accessLines(g.sandbox, email)).toEqual(before);
    const planned = result.changes?.filter((c) => c.status === 'PLANNED').length ?? 0;
    expect(result.summary).toEqual({ planned, done: 0, alreadyDone: 0, failed: 0, unsupported: 2, accessRemoved: false });
    // Every planned change names its membership; a group removal names its group.
    for (const c of result.changes ?? []) {
      if (c.status !== 'PLANNED') continue;
      expect(c.member?.memberId).toEqual(expect.any(String));
      expect(c.organization?.id).toEqual(expect.any(String));
      if (c.action === 'REMOVE_FROM_GROUP') expect(c.group?.id).toEqual(expect.any(String));
    }
  });

  it('apply: every reachable access goes, in order; the API and the simulators agree nothing but the unsupported is left', async () => {
    const email = personToOffboard(g.sandbox);
    const expected = expectedPlan(g.sandbox, email, 'DONE');
    const member = g.sandbox.accessOf(email).find((a) => a.provider === 'goodaccess' && !a.group)?.memberId as string;
    (g.sandbox.servers.goodaccess.simulator as GoodAccessSimulator).openSession(member);
    const birdBefore = accessLines(g.sandbox, email).filter((line) => line.startsWith('BIRD'));
    g.clearLogs();

    const result = await offboard(g, { email });
    expect(result).toMatchObject({ __typename: 'OffboardPersonSuccess', dryRun: false });
    expect(changeLines(result)).toEqual(expected);
    expectOrdered(result);
    const done = expected.filter((line) => line.includes(' DONE ')).length;
    expect(result.summary).toEqual({ planned: 0, done, alreadyDone: 0, failed: 0, unsupported: 2, accessRemoved: false });

    // The writes each simulator got: one per change, groups before sessions before the member or its organization.
    const sent = writes(g);
    const groupsOf = (provider: string) => expected.filter((line) => line.startsWith(`${provider} REMOVE_FROM_GROUP DONE`)).length;
    expect(sent.goodaccess).toEqual([
      ...Array(groupsOf('GOODACCESS')).fill('DELETE /api/v1/relation/group/{groupId}/member/{teamMemberId} 200'),
      'POST /api/v1/member/{teamMemberId}/disconnect 200',
      'DELETE /api/v1/member/{teamMemberId} 200',
    ]);
    expect(sent.gitbook).toEqual([
      ...Array(groupsOf('GITBOOK')).fill('DELETE /v1/orgs/{organizationId}/teams/{teamId}/members/{userId} 205'),
      'DELETE /v1/orgs/{organizationId}/members/{userId} 205',
    ]);
    expect(sent.checkmarx).toEqual([
      ...Array(groupsOf('CHECKMARX')).fill('DELETE /cxrestapi/auth/Teams/{teamId}/Users/{userId} 204'),
      'DELETE /cxrestapi/auth/Users/{id} 204',
    ]);
    expect(sent.cloudflare).toEqual(
      Array(groupsOf('CLOUDFLARE')).fill('DELETE /client/v4/accounts/{account_id}/iam/user_groups/{user_group_id}/members/{member_id} 200'),
    );
    expect(sent.bird).toBeUndefined();
    expect(g.calls('BIRD')).toEqual([]);

    // The simulators' own state: only what no documented call can remove is left (the Cloudflare account, Bird's teams).
    const left = accessLines(g.sandbox, email);
    expect(left.filter((line) => !line.startsWith('BIRD') && !line.startsWith('CLOUDFLARE'))).toEqual([]);
    expect(left.filter((line) => line.startsWith('CLOUDFLARE')).every((line) => line.endsWith(' -'))).toBe(true);
    expect(left.filter((line) => line.startsWith('BIRD'))).toEqual(birdBefore);
    // The API agrees: the person is an account member of Cloudflare only, in no group anywhere.
    const person = await personThroughApi(email);
    expect(person?.providers).toEqual(['CLOUDFLARE']);
    expect(person?.memberships.edges.map((e) => `${e.node.provider} ${e.node.group === null ? '-' : 'group'}`)).toEqual(
      left.filter((line) => line.startsWith('CLOUDFLARE')).map(() => 'CLOUDFLARE -'),
    );
  });

  it('apply again: what was removed is ALREADY_DONE, the unsupported stays so, and nothing is written', async () => {
    const email = personToOffboard(g.sandbox);
    expect((await offboard(g, { email })).summary?.failed).toBe(0);
    g.clearLogs();
    const again = await offboard(g, { email, clientMutationId: 'again' });
    expect(changeLines(again)).toEqual(
      [
        'BIRD REMOVE_FROM_GROUP UNSUPPORTED -',
        'CHECKMARX REMOVE_FROM_ORGANIZATION ALREADY_DONE -',
        'CLOUDFLARE REMOVE_FROM_GROUP ALREADY_DONE -',
        'CLOUDFLARE REMOVE_FROM_ORGANIZATION UNSUPPORTED -',
        'GITBOOK REMOVE_FROM_ORGANIZATION ALREADY_DONE -',
        'GOODACCESS DELETE_MEMBER ALREADY_DONE -',
      ].sort(),
    );
    expect(again.summary).toEqual({ planned: 0, done: 0, alreadyDone: 4, failed: 0, unsupported: 2, accessRemoved: false });
    expect(again.clientMutationId).toBe('again');
    expect(writes(g)).toEqual({});
    // The unsupported ones say what is left to do, by type.
    for (const c of again.changes?.filter((c) => c.status === 'UNSUPPORTED') ?? []) {
      expect(c.error).toMatchObject({ __typename: 'UnsupportedOperationError', provider: c.provider, operation: 'offboardPerson' });
    }
  });

  it('finds the person whatever the case of the e-mail given, and of the e-mail a provider holds', async () => {
    const variant = g.sandbox.directory.people.find(
      (p) => p.affiliation === 'staff' && p.accounts.some((a) => a.email !== null && a.email !== p.email && a.email.toLowerCase() === p.email),
    );
    if (!variant) throw new Error('the sandbox company has no one whose e-mail a provider holds in another case');
    const given = `  ${variant.email.toUpperCase()} `;
    const result = await offboard(g, { email: given, dryRun: true });
    expect(result.email).toBe(variant.email);
    expect(changeLines(result)).toEqual(expectedPlan(g.sandbox, variant.email, 'PLANNED'));
  });

  it('only the providers named: the others are neither read nor written', async () => {
    const email = personToOffboard(g.sandbox);
    g.clearLogs();
    const result = await offboard(g, { email, providers: ['GITBOOK', 'GOODACCESS', 'GITBOOK'] });
    expect(new Set(result.changes?.map((c) => c.provider))).toEqual(new Set(['GOODACCESS', 'GITBOOK']));
    expect(result.summary?.failed).toBe(0);
    expect(result.summary?.accessRemoved).toBe(true);
    for (const provider of ['BIRD', 'CHECKMARX', 'CLOUDFLARE'] as const) expect(g.calls(provider)).toEqual([]);
    expect(accessLines(g.sandbox, email).filter((line) => line.startsWith('GITBOOK') || line.startsWith('GOODACCESS'))).toEqual([]);
  });

  it('a person no provider holds: every provider ALREADY_DONE (Bird, which shows no e-mails, UNSUPPORTED), no write', async () => {
    g.clearLogs();
    const result = await offboard(g, { email: 'nobody-at-all@nowhere.example' });
    expect(changeLines(result)).toEqual(
      [
        'BIRD REMOVE_FROM_GROUP UNSUPPORTED -',
        'CHECKMARX REMOVE_FROM_ORGANIZATION ALREADY_DONE -',
        'CLOUDFLARE REMOVE_FROM_ORGANIZATION ALREADY_DONE -',
        'GITBOOK REMOVE_FROM_ORGANIZATION ALREADY_DONE -',
        'GOODACCESS DELETE_MEMBER ALREADY_DONE -',
      ].sort(),
    );
    expect(writes(g)).toEqual({});
  });
});

describe('refused before any provider call', () => {
  it('a read-only key gets ForbiddenError, even for a dry run, and no simulator hears of it', async () => {
    const email = personToOffboard(g.sandbox);
    const before = accessLines(g.sandbox, email);
    g.clearLogs();
    for (const dryRun of [false, true]) {
      const result = await offboard(g, { email, dryRun }, { authorization: `Bearer ${READER}` });
      expect(result).toMatchObject({ __typename: 'ForbiddenError', provider: null });
      expect(result.message).toMatch(/write scope/);
    }
    expect(g.calls()).toEqual([]);
    expect(accessLines(g.sandbox, email)).toEqual(before);
  });

  it.each([
    ['a malformed e-mail', { email: 'not an address' }, ['input', 'email']],
    ['an empty e-mail', { email: '   ' }, ['input', 'email']],
    ['an e-mail longer than an address can be', { email: `${'a'.repeat(250)}@example.com` }, ['input', 'email']],
    ['an empty provider list', { email: 'ada@example.com', providers: [] }, ['input', 'providers']],
    ['more providers than there are', { email: 'ada@example.com', providers: Array(6).fill('GITBOOK') }, ['input', 'providers']],
  ])('%s is a ValidationError naming the field, not echoing it', async (_name, input, path) => {
    g.clearLogs();
    const result = await offboard(g, input);
    expect(result).toMatchObject({ __typename: 'ValidationError', path });
    const sent = String(input.email).trim();
    if (sent !== '') expect(result.message).not.toContain(sent);
    expect(g.calls()).toEqual([]);
  });

  it(`plans at most ${MAX_OFFBOARD_CHANGES} changes: a person with more is refused as a whole before any write`, async () => {
    const adapters = await createAdapters(sandboxProviderConfigs(g.sandbox));
    const ctx = createRequestContext({ adapters, mode: 'SANDBOX' }, null);
    const organizationId = 'acme';
    const record = (groupId: string | null): MemberRecord =>
      ({ provider: 'GITBOOK', organizationId, groupId, memberId: 'u1', email: 'many@acme.example', groupIds: null }) as MemberRecord;
    const memberships = [record(null), ...Array.from({ length: MAX_OFFBOARD_CHANGES }, (_, i) => record(`team-${i}`))];
    const person = { email: 'many@acme.example', displayName: null, providers: ['GITBOOK' as const], memberships, failures: [], unjoined: [] };
    const plan = () => planOffboarding(ctx, { email: person.email, providers: ['GITBOOK'], dryRun: false }, person);
    expect(plan).toThrow(ValidationError);
    expect(plan).toThrow(/more than one call makes/);
    // One fewer group, and the plan is made.
    const fits = { ...person, memberships: memberships.slice(0, MAX_OFFBOARD_CHANGES - 1) };
    expect(planOffboarding(ctx, { email: person.email, providers: ['GITBOOK'], dryRun: true }, fits)).toHaveLength(MAX_OFFBOARD_CHANGES - 1);
    await closeAdapters(adapters);
  });
});
