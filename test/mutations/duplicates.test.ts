// A member named more than once in one change is sent, reported and counted once: addMembers, removeMembers and setMembers over HTTP.
import { describe, expect, it } from 'vitest';
import type { ProviderId } from '../../src/providers/types.js';
import { gatewayForFile } from '../support/gateway.js';
import {
  ADD_MEMBERS,
  groupId,
  groupMembers,
  organizationId,
  organizationMembers,
  outsiders,
  payload,
  plan,
  REMOVE_MEMBERS,
  SET_MEMBERS,
  writes,
  type GroupChangePayload,
  birdOutsiders,
} from './support.js';

// Every test here changes membership: each starts from the seeded world.
const g = gatewayForFile({}, { resetEach: true });

async function run(document: string, input: Record<string, unknown>): Promise<GroupChangePayload> {
  return payload<GroupChangePayload>(await g.query(document, { input }));
}

/**
 * The upstream calls of `once` and of `twice` (the same change with the member named again), each from the seeded
 * world: the duplicate must cost exactly what the one member costs. Group and member ids survive a reset (the seed
 * is fixed), so both runs name the same objects.
 */
async function costs(
  provider: ProviderId,
  once: () => Promise<unknown>,
  twice: () => Promise<GroupChangePayload>,
): Promise<{ single: string[]; doubled: string[]; result: GroupChangePayload }> {
  g.clearLogs();
  await once();
  const single = plan(g.calls(provider));
  g.reset();
  const result = await twice();
  const doubled = plan(g.calls(provider));
  return { single, doubled, result };
}

const ONE_ADDED = { added: 1, alreadyMembers: 0, removed: 0, notMembers: 0, failed: 0 };

describe('addMembers with a member named twice', () => {
  it('Cloudflare: the same memberId twice is one change and one POST, as for one member', async () => {
    const group = await groupId(g, 'CLOUDFLARE', 'Marketing');
    const [person] = await outsiders(g, 'CLOUDFLARE', group, 1);
    const id = person!.memberId;
    const { single, doubled, result } = await costs(
      'CLOUDFLARE',
      () => run(ADD_MEMBERS, { groupId: group, members: [{ memberId: id }] }),
      () => run(ADD_MEMBERS, { groupId: group, members: [{ memberId: id }, { memberId: id }] }),
    );
    expect(result.__typename).toBe('AddMembersSuccess');
    expect(result.changes?.map((c) => [c.memberId, c.status])).toEqual([[id, 'ADDED']]);
    expect(result.summary).toEqual(ONE_ADDED);
    expect(doubled).toEqual(single);
    expect(doubled.filter((c) => c.startsWith('POST '))).toHaveLength(1);
    expect((await groupMembers(g, group)).filter((m) => m.memberId === id)).toHaveLength(1);
  });

  it('Bird: the same userId three times (once in upper case: UUIDs ignore case) is one POST, as for one member', async () => {
    const group = await groupId(g, 'BIRD', 'Sales');
    const [user] = birdOutsiders(g, 'Sales', 1);
    const { single, doubled, result } = await costs(
      'BIRD',
      () => run(ADD_MEMBERS, { groupId: group, members: [{ userId: user }] }),
      () => run(ADD_MEMBERS, { groupId: group, members: [{ userId: user }, { userId: user!.toUpperCase() }, { userId: user }] }),
    );
    expect(result.changes?.map((c) => [c.userId, c.status])).toEqual([[user, 'ADDED']]);
    expect(result.summary).toEqual(ONE_ADDED);
    expect(doubled).toEqual(single);
    expect(doubled).toEqual(['POST /organizations/{organizationId}/teams/{teamId}/members 201']);
  });

  it('keeps each member at its first reference, among other members', async () => {
    const group = await groupId(g, 'GOODACCESS', 'Guests');
    const [a, b] = await outsiders(g, 'GOODACCESS', group, 2);
    g.clearLogs();
    const result = await run(ADD_MEMBERS, {
      groupId: group,
      members: [{ memberId: a!.memberId }, { memberId: b!.memberId }, { memberId: a!.memberId.toUpperCase() }, { memberId: b!.memberId }],
    });
    expect(result.changes?.map((c) => [c.memberId, c.status])).toEqual([
      [a!.memberId, 'ADDED'],
      [b!.memberId, 'ADDED'],
    ]);
    expect(result.summary).toMatchObject({ added: 2, failed: 0 });
    expect(writes(g.calls('GOODACCESS'))).toHaveLength(2);
  });

  it('Cloudflare: the same e-mail in two cases is looked up once and added once', async () => {
    const group = await groupId(g, 'CLOUDFLARE', 'Marketing');
    const [person] = await outsiders(g, 'CLOUDFLARE', group, 1);
    const email = person!.email!;
    const { single, doubled, result } = await costs(
      'CLOUDFLARE',
      () => run(ADD_MEMBERS, { groupId: group, members: [{ email }] }),
      () => run(ADD_MEMBERS, { groupId: group, members: [{ email: email.toUpperCase() }, { email: email.toLowerCase() }] }),
    );
    // The entry shows the e-mail as first given, and the member it was looked up to.
    expect(result.changes?.map((c) => [c.email, c.memberId, c.status])).toEqual([[email.toUpperCase(), person!.memberId, 'ADDED']]);
    expect(result.summary).toEqual(ONE_ADDED);
    expect(doubled).toEqual(single);
  });

  it('GitBook: the same e-mail in two cases (taken natively) is one PUT and one change', async () => {
    const group = await groupId(g, 'GITBOOK', 'Design', 'Acme Documentation');
    const [person] = await outsiders(g, 'GITBOOK', group, 1, 'Acme Documentation');
    const email = person!.email!;
    const { single, doubled, result } = await costs(
      'GITBOOK',
      () => run(ADD_MEMBERS, { groupId: group, members: [{ email }] }),
      () => run(ADD_MEMBERS, { groupId: group, members: [{ email: email.toUpperCase() }, { email }] }),
    );
    expect(result.changes?.map((c) => [c.email, c.status])).toEqual([[email.toUpperCase(), 'ADDED']]);
    expect(result.summary).toEqual(ONE_ADDED);
    expect(doubled).toEqual(single);
    expect((await groupMembers(g, group)).filter((m) => m.memberId === person!.memberId)).toHaveLength(1);
  });

  it('Cloudflare: a memberId and the e-mail of the same member are one change, one lookup walk and one POST', async () => {
    const group = await groupId(g, 'CLOUDFLARE', 'Marketing');
    const [person] = await outsiders(g, 'CLOUDFLARE', group, 1);
    const { single, doubled, result } = await costs(
      'CLOUDFLARE',
      () => run(ADD_MEMBERS, { groupId: group, members: [{ email: person!.email }] }),
      () => run(ADD_MEMBERS, { groupId: group, members: [{ memberId: person!.memberId }, { email: person!.email }] }),
    );
    // At the memberId's place (the first), with the e-mail given too, so either reference finds the entry.
    expect(result.changes?.map((c) => [c.memberId, c.email, c.status])).toEqual([[person!.memberId, person!.email, 'ADDED']]);
    expect(result.summary).toEqual(ONE_ADDED);
    expect(doubled).toEqual(single);
  });

  it('GitBook: an e-mail beside the userId of the same member is looked up, so it is one change and one PUT', async () => {
    const group = await groupId(g, 'GITBOOK', 'Design', 'Acme Documentation');
    const [person, other] = await outsiders(g, 'GITBOOK', group, 2, 'Acme Documentation');
    g.clearLogs();
    const result = await run(ADD_MEMBERS, {
      groupId: group,
      members: [{ email: person!.email!.toUpperCase() }, { userId: other!.memberId }, { memberId: person!.memberId }],
    });
    expect(result.changes?.map((c) => [c.memberId, c.email, c.status])).toEqual([
      [person!.memberId, person!.email!.toUpperCase(), 'ADDED'],
      [other!.memberId, null, 'ADDED'],
    ]);
    expect(result.summary).toMatchObject({ added: 2, failed: 0 });
    expect(writes(g.calls('GITBOOK'))).toHaveLength(1);
    const now = (await groupMembers(g, group)).map((m) => m.memberId);
    expect(now.filter((id) => id === person!.memberId || id === other!.memberId).sort()).toEqual([person!.memberId, other!.memberId].sort());
  });

  it('already a member, named twice, is ALREADY_MEMBER once and sends no write', async () => {
    const group = await groupId(g, 'CLOUDFLARE', 'Marketing');
    const [inside] = await groupMembers(g, group);
    g.clearLogs();
    const result = await run(ADD_MEMBERS, {
      groupId: group,
      members: [{ memberId: inside!.memberId }, { email: inside!.email }, { memberId: inside!.memberId }],
    });
    expect(result.changes?.map((c) => [c.memberId, c.status])).toEqual([[inside!.memberId, 'ALREADY_MEMBER']]);
    expect(result.summary).toMatchObject({ added: 0, alreadyMembers: 1 });
    expect(writes(g.calls('CLOUDFLARE'))).toHaveLength(0);
  });

  it('a reference that names no one, given twice, is one FAILED entry pointing at the first', async () => {
    const group = await groupId(g, 'CLOUDFLARE', 'Marketing');
    const [person] = await outsiders(g, 'CLOUDFLARE', group, 1);
    const result = await run(ADD_MEMBERS, {
      groupId: group,
      members: [{ email: 'Nobody@example.com' }, { memberId: person!.memberId }, { email: 'nobody@EXAMPLE.com' }],
    });
    expect(result.changes?.map((c) => [c.email, c.status])).toEqual([
      ['Nobody@example.com', 'FAILED'],
      [null, 'ADDED'],
    ]);
    expect(result.changes?.[0]?.error?.__typename).toBe('NotFoundError');
    expect(result.summary).toMatchObject({ added: 1, failed: 1 });
  });
});

describe('roles with a member named twice', () => {
  it('GitBook: the one role of the change applies once to a member named twice', async () => {
    const group = await groupId(g, 'GITBOOK', 'Design', 'Acme Documentation');
    const [person] = await outsiders(g, 'GITBOOK', group, 1, 'Acme Documentation');
    g.clearLogs();
    const result = await run(ADD_MEMBERS, { groupId: group, members: [{ userId: person!.memberId }, { memberId: person!.memberId }], role: 'OWNER' });
    expect(result.changes?.map((c) => [c.memberId, c.status])).toEqual([[person!.memberId, 'ADDED']]);
    expect(result.summary).toEqual(ONE_ADDED);
    expect(writes(g.calls('GITBOOK'))).toHaveLength(1);
    expect((await groupMembers(g, group)).find((m) => m.memberId === person!.memberId)?.role).toBe('OWNER');
  });

  it('two roles for one member cannot be asked for: a role per member is refused before any provider call', async () => {
    // The role is one field of the whole input, so duplicates never conflict; this holds the schema to that. If a
    // per-member role is ever added, conflicting duplicates must then be refused with a ValidationError.
    const group = await groupId(g, 'GITBOOK', 'Design', 'Acme Documentation');
    const [person] = await outsiders(g, 'GITBOOK', group, 1, 'Acme Documentation');
    g.clearLogs();
    const answer = await g.query(ADD_MEMBERS, {
      input: {
        groupId: group,
        members: [
          { memberId: person!.memberId, role: 'OWNER' },
          { memberId: person!.memberId, role: 'MEMBER' },
        ],
      },
    });
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors?.[0]?.message).toMatch(/"role" is not defined by type "MemberRefInput"/);
    expect(g.calls()).toHaveLength(0);
  });
});

describe('removeMembers with a member named twice', () => {
  it('Cloudflare: the same member by its group id twice and its organization id is one REMOVED and one DELETE', async () => {
    const group = await groupId(g, 'CLOUDFLARE', 'Marketing');
    const [victim] = await groupMembers(g, group);
    const orgMember = (await organizationMembers(g, await organizationId(g, 'CLOUDFLARE'))).find((m) => m.memberId === victim!.memberId);
    expect(orgMember?.id, 'the member is read from the organization too').toBeDefined();
    expect(orgMember!.id).not.toBe(victim!.id);
    const { single, doubled, result } = await costs(
      'CLOUDFLARE',
      () => run(REMOVE_MEMBERS, { groupId: group, memberIds: [victim!.id] }),
      () => run(REMOVE_MEMBERS, { groupId: group, memberIds: [victim!.id, orgMember!.id, victim!.id] }),
    );
    expect(result.__typename).toBe('RemoveMembersSuccess');
    expect(result.changes?.map((c) => [c.memberId, c.status])).toEqual([[victim!.memberId, 'REMOVED']]);
    expect(result.summary).toEqual({ added: 0, alreadyMembers: 0, removed: 1, notMembers: 0, failed: 0 });
    expect(doubled).toEqual(single);
    expect(doubled.filter((c) => c.startsWith('DELETE '))).toHaveLength(1);
    expect((await groupMembers(g, group)).some((m) => m.memberId === victim!.memberId)).toBe(false);
  });

  it('Bird: a member twice beside another is two REMOVED, two DELETEs', async () => {
    const group = await groupId(g, 'BIRD', 'Design');
    const [a, b] = await groupMembers(g, group);
    g.clearLogs();
    const result = await run(REMOVE_MEMBERS, { groupId: group, memberIds: [a!.id, b!.id, a!.id] });
    expect(result.changes?.map((c) => [c.memberId, c.status])).toEqual([
      [a!.memberId, 'REMOVED'],
      [b!.memberId, 'REMOVED'],
    ]);
    expect(result.summary).toMatchObject({ removed: 2, notMembers: 0 });
    expect(writes(g.calls('BIRD'))).toHaveLength(2);
  });

  it('not a member, named twice, is NOT_A_MEMBER once', async () => {
    const group = await groupId(g, 'GITBOOK', 'Design', 'Acme Documentation');
    const [outside] = await outsiders(g, 'GITBOOK', group, 1, 'Acme Documentation');
    const result = await run(REMOVE_MEMBERS, { groupId: group, memberIds: [outside!.id, outside!.id] });
    expect(result.changes?.map((c) => [c.memberId, c.status])).toEqual([[outside!.memberId, 'NOT_A_MEMBER']]);
    expect(result.summary).toMatchObject({ removed: 0, notMembers: 1 });
  });
});

describe('setMembers with members named twice', () => {
  /** Sets `kept` and `added` named in `members` (with duplicates); checks one entry each, the counts and the set read back. */
  async function setsOnce(
    provider: ProviderId,
    group: string,
    kept: string,
    added: string,
    members: Array<Record<string, string>>,
  ): Promise<GroupChangePayload> {
    const before = await groupMembers(g, group);
    const dropped = before.map((m) => m.memberId).filter((id) => id !== kept);
    const result = await run(SET_MEMBERS, { groupId: group, members });
    expect(result.__typename).toBe('SetMembersSuccess');
    expect(result.changes?.slice(0, 2).map((c) => [c.memberId, c.status])).toEqual([
      [kept, 'ALREADY_MEMBER'],
      [added, 'ADDED'],
    ]);
    expect(new Set(result.changes?.slice(2).map((c) => c.memberId))).toEqual(new Set(dropped));
    expect(result.summary).toEqual({ added: 1, alreadyMembers: 1, removed: dropped.length, notMembers: 0, failed: 0 });
    const after = (await groupMembers(g, group)).map((m) => m.memberId);
    expect(after.sort(), `${provider} ends with exactly the set`).toEqual([kept, added].sort());
    return result;
  }

  it('Checkmarx (native PUT): ids twice and an e-mail of one of them end with the set, each counted once', async () => {
    const group = await groupId(g, 'CHECKMARX', 'QA');
    const [kept] = await groupMembers(g, group);
    const [added] = await outsiders(g, 'CHECKMARX', group, 1);
    g.clearLogs();
    await setsOnce('CHECKMARX', group, kept!.memberId, added!.memberId, [
      { memberId: kept!.memberId },
      { userId: added!.memberId },
      { memberId: kept!.memberId },
      { email: added!.email!.toUpperCase() },
    ]);
    expect(writes(g.calls('CHECKMARX'))).toHaveLength(1);
  });

  it('GitBook (emulated): an id and an e-mail of one member, and an id twice, end with the set, each counted once', async () => {
    const group = await groupId(g, 'GITBOOK', 'Design', 'Acme Documentation');
    const [kept] = await groupMembers(g, group);
    const [added] = await outsiders(g, 'GITBOOK', group, 1, 'Acme Documentation');
    g.clearLogs();
    await setsOnce('GITBOOK', group, kept!.memberId, added!.memberId, [
      { email: kept!.email! },
      { memberId: added!.memberId },
      { memberId: kept!.memberId },
      { email: added!.email!.toUpperCase() },
      { userId: added!.memberId },
    ]);
    // One PUT {add}, one PUT {remove}: the member named three times is added once.
    expect(writes(g.calls('GITBOOK'))).toHaveLength(2);
  });

  it('Bird (emulated): a userId in two cases is one POST', async () => {
    const group = await groupId(g, 'BIRD', 'Leadership');
    const [kept] = await groupMembers(g, group);
    const [added] = birdOutsiders(g, 'Leadership', 1);
    g.clearLogs();
    await setsOnce('BIRD', group, kept!.memberId, added!, [
      { memberId: kept!.memberId },
      { userId: added! },
      { memberId: kept!.memberId.toUpperCase() },
      { userId: added!.toUpperCase() },
    ]);
    expect(writes(g.calls('BIRD')).filter((c) => c.method === 'POST')).toHaveLength(1);
  });
});
