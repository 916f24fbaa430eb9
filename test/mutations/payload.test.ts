// What a payload reads after its change: the group and each member as they are now, fresh within the same request.
import { describe, expect, it } from 'vitest';
import { dataOf, gatewayForFile } from '../support/gateway.js';
import { groupId, groupMembers, outsiders } from './support.js';

// Every test here changes membership: each starts from the seeded world.
const g = gatewayForFile({}, { resetEach: true });

interface GroupRead {
  group: { name: string; members: { edges: Array<{ node: { memberId: string } }> } };
}

describe('payload reads', () => {
  it('a later field of the same request sees the change, not the state the request read before', async () => {
    const group = await groupId(g, 'GOODACCESS', 'Finance');
    const [person] = await outsiders(g, 'GOODACCESS', group, 1);
    const members = `group { name ... on MemberGroup { members(first: 100) { edges { node { memberId } } } } }`;
    const data = dataOf(
      await g.query<{ added: GroupRead; removed: GroupRead }>(
        `mutation($add: AddMembersInput!, $remove: RemoveMembersInput!) {
          added: addMembers(input: $add) { ... on AddMembersSuccess { ${members} } }
          removed: removeMembers(input: $remove) { ... on RemoveMembersSuccess { ${members} } }
        }`,
        { add: { groupId: group, members: [{ memberId: person!.memberId }] }, remove: { groupId: group, memberIds: [person!.id] } },
      ),
    );
    const ids = (read: GroupRead) => read.group.members.edges.map((e) => e.node.memberId);
    expect(ids(data.added)).toContain(person!.memberId);
    expect(ids(data.removed)).not.toContain(person!.memberId);
    expect(data.removed.group.name).toBe('Finance');
  });

  it('each change reads its member after the change: the record for ADDED, null for NOT_A_MEMBER', async () => {
    const group = await groupId(g, 'CLOUDFLARE', 'Marketing');
    const [person] = await outsiders(g, 'CLOUDFLARE', group, 1);
    const text = `mutation($input: AddMembersInput!) { addMembers(input: $input) { ... on AddMembersSuccess {
      changes { status member { id memberId email group { name } } } } } }`;
    const data = dataOf(
      await g.query<{ addMembers: { changes: Array<{ status: string; member: { memberId: string; email: string; group: { name: string } } | null }> } }>(text, {
        input: { groupId: group, members: [{ memberId: person!.memberId }] },
      }),
    );
    expect(data.addMembers.changes[0]).toMatchObject({
      status: 'ADDED',
      member: { memberId: person!.memberId, email: person!.email, group: { name: 'Marketing' } },
    });
    const removed = dataOf(
      await g.query<{ removeMembers: { changes: Array<{ status: string; member: unknown }> } }>(
        `mutation($input: RemoveMembersInput!) { removeMembers(input: $input) { ... on RemoveMembersSuccess { changes { status member { id } } } } }`,
        { input: { groupId: group, memberIds: [person!.id, person!.id] } },
      ),
    );
    // The same member named twice is one change (duplicates are collapsed, so it is counted once).
    expect(removed.removeMembers.changes).toEqual([{ status: 'REMOVED', member: null }]);
    expect((await groupMembers(g, group)).some((m) => m.memberId === person!.memberId)).toBe(false);
  });
});
