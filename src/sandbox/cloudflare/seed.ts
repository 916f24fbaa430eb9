// Builds the seeded world from the company directory: a large account (700 members, 10 user groups, one of 600) and a small one.
import { type CompanyAccountEntry, type CompanyDirectory, exactly } from '../company/directory.js';
import { skipNameDraws } from '../company/names.js';
import { Prng } from '../core/prng.js';
import { groupTimestamp, memberTimestamp } from './views.js';
import type { AccountMember, AccountMemberStatus, AccountState, Policy, Role, UserGroup, World } from './state.js';

const ROLES: readonly Role[] = [
  { id: '33666b9c79b9a5273fc7344ff42f953d', name: 'Administrator', description: 'Can access the full account' },
  { id: '05784afa30c1afe1440e79d9351c7430', name: 'Administrator Read Only', description: 'Can view everything' },
  { id: 'a4154d230e664f8b3e6e5f95a8cc812f', name: 'DNS', description: 'Can edit DNS records' },
  { id: 'e58cefd75d7adae0b761796c28815e5c', name: 'Billing', description: 'Can edit billing profile' },
];

const PERMISSION_GROUPS = [
  'Zone Read',
  'DNS Write',
  'DNS Read',
  'Billing Read',
  'Account Settings Read',
  'Account Settings Write',
  'Firewall Services Write',
  'Workers Scripts Write',
  'Analytics Read',
  'Magic Network Monitoring',
] as const;

interface GroupPlan {
  name: string;
  size: number;
}

const MAIN_GROUPS: readonly GroupPlan[] = [
  { name: 'Engineering', size: 600 },
  { name: 'Platform Admins', size: 12 },
  { name: 'Security', size: 25 },
  { name: 'Billing', size: 8 },
  { name: 'Support', size: 80 },
  { name: 'Marketing', size: 40 },
  { name: 'DNS Operators', size: 15 },
  { name: 'Contractors', size: 30 },
  { name: 'Auditors', size: 5 },
  { name: 'New Hires', size: 0 },
];

const SMALL_GROUPS: readonly GroupPlan[] = [
  { name: 'Owners', size: 2 },
  { name: 'Editors', size: 6 },
  { name: 'Viewers', size: 0 },
];

function memberStatus(prng: Prng): AccountMemberStatus {
  const roll = prng.next();
  if (roll < 0.012) return 'rejected';
  if (roll < 0.1) return 'pending';
  return 'accepted';
}

function makeMembers(prng: Prng, people: readonly CompanyAccountEntry[]): Map<string, AccountMember> {
  const members = new Map<string, AccountMember>();
  for (const { person, email: shown } of people) {
    skipNameDraws(prng);
    // Cloudflare's members always have an e-mail (the directory hides none here); it may be another case of theirs.
    const email = shown ?? person.email;
    const status = memberStatus(prng);
    const member: AccountMember = {
      id: prng.hex(32),
      email,
      status,
      roles: [prng.pick(ROLES)],
      user: {
        id: prng.hex(32),
        email,
        // [infer] an invitee who never signed in has no profile names yet.
        firstName: status === 'accepted' ? person.firstName : null,
        lastName: status === 'accepted' ? person.lastName : null,
        twoFactor: status === 'accepted' && prng.chance(0.6),
      },
    };
    members.set(member.id, member);
  }
  return members;
}

function makePolicies(prng: Prng, accountId: string): Policy[] {
  const policies: Policy[] = [];
  const count = prng.int(1, 2);
  for (let i = 0; i < count; i++) {
    policies.push({
      id: prng.hex(32),
      access: prng.chance(0.85) ? 'allow' : 'deny',
      permission_groups: [{ id: prng.hex(32), name: prng.pick(PERMISSION_GROUPS) }],
      resource_groups: [
        {
          id: prng.hex(32),
          name: `com.cloudflare.api.account.${accountId}`,
          scope: { key: `com.cloudflare.api.account.${accountId}`, objects: [{ key: 'com.cloudflare.api.account.zone.*' }] },
        },
      ],
    });
  }
  return policies;
}

function makeGroups(prng: Prng, accountId: string, plans: readonly GroupPlan[], members: Map<string, AccountMember>): UserGroup[] {
  const eligible = [...members.values()].filter((m) => m.status !== 'rejected').map((m) => m.id);
  return plans.map((plan) => {
    const created = prng.timeBetween('2023-01-01T00:00:00Z', '2024-06-01T00:00:00Z');
    // A seeded partial shuffle picks `size` distinct members without sorting the whole list.
    const pool = [...eligible];
    const groupMembers = new Map<string, string>();
    for (let i = 0; i < plan.size && i < pool.length; i++) {
      const j = prng.int(i, pool.length - 1);
      [pool[i], pool[j]] = [pool[j] as string, pool[i] as string];
      groupMembers.set(pool[i] as string, memberTimestamp(prng.timeBetween('2024-06-01T00:00:00Z', '2025-06-01T00:00:00Z')));
    }
    return {
      id: prng.hex(32),
      name: plan.name,
      createdOn: groupTimestamp(created),
      modifiedOn: groupTimestamp(created + prng.int(0, 90) * 86_400_000),
      policies: makePolicies(prng, accountId),
      members: groupMembers,
    };
  });
}

function makeAccount(
  prng: Prng,
  name: string,
  type: 'standard' | 'enterprise',
  people: readonly CompanyAccountEntry[],
  plans: readonly GroupPlan[],
): AccountState {
  const id = prng.hex(32);
  const members = makeMembers(prng, people);
  const groups = makeGroups(prng, id, plans, members);
  return {
    account: {
      id,
      name,
      type,
      createdOn: new Date(prng.timeBetween('2019-01-01T00:00:00Z', '2022-01-01T00:00:00Z')).toISOString(),
      enforceTwofactor: type === 'enterprise',
    },
    members,
    groups: new Map(groups.map((group) => [group.id, group])),
  };
}

export function buildWorld(seed: number, directory: CompanyDirectory): World {
  const prng = new Prng(seed);
  const acme = exactly(directory.accountsIn('cloudflare'), 700, 'Acme Corporation members');
  const sideProject = exactly(directory.accountsIn('cloudflare', 'side-project'), 12, 'Side Project members');
  const main = makeAccount(prng, 'Acme Corporation', 'enterprise', acme, MAIN_GROUPS);
  const small = makeAccount(prng, 'Side Project', 'standard', sideProject, SMALL_GROUPS);
  const mainGroups = [...main.groups.values()];
  return {
    accounts: new Map([
      [main.account.id, main],
      [small.account.id, small],
    ]),
    ids: {
      mainAccountId: main.account.id,
      smallAccountId: small.account.id,
      bigGroupId: (mainGroups.find((g) => g.name === 'Engineering') as UserGroup).id,
      emptyGroupId: (mainGroups.find((g) => g.name === 'New Hires') as UserGroup).id,
    },
    newId: () => prng.hex(32),
  };
}
