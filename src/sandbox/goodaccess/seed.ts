// Builds the seeded GoodAccess tenant from the company directory: 40 members (some blocked, some with MFA, some connected) and 6 groups.
import { type CompanyDirectory, exactly } from '../company/directory.js';
import { skipNameDraws } from '../company/names.js';
import { Prng } from '../core/prng.js';
import { TenantState, type MemberState } from './state.js';

export const SEED_MEMBER_COUNT = 40;

/** The seeded groups; the last one is left empty on purpose. */
export const SEED_GROUP_NAMES = ['Engineering', 'Sales', 'Support', 'Finance', 'Contractors', 'Guests'] as const;
const PRIMARY_GROUPS = 4; // Engineering..Finance: every member belongs to one of these

export function buildSeed(seed: number, directory: CompanyDirectory): TenantState {
  const prng = new Prng(seed);
  const state = new TenantState(prng);
  const people = exactly(directory.accountsIn('goodaccess'), SEED_MEMBER_COUNT, 'GoodAccess members');

  // Sorted so the list comes back in creation order, as a database would return it.
  const created = Array.from({ length: SEED_MEMBER_COUNT }, () => prng.timeBetween('2022-01-01T00:00:00Z', '2025-06-30T00:00:00Z')).sort((a, b) => a - b);

  // Member names are unique in GoodAccess: the directory never puts two people of one name here.
  for (const [i, { person, email }] of people.entries()) {
    skipNameDraws(prng);
    const blocked = i % 10 === 7; // 4 of 40, at fixed places so every seed has some
    const member: MemberState = {
      id: state.newId(),
      name: person.displayName,
      // The login identity is the e-mail, as the person typed it when invited (the directory hides none here).
      username: email ?? person.email,
      avatar: `https://www.gravatar.com/avatar/${prng.hex(32)}?d=mp`,
      createdAt: created[i] as number,
      blocked,
      mfaActive: i % 3 === 0 || prng.chance(0.25),
      password: prng.hex(20),
      sessions: !blocked && prng.chance(0.4) ? prng.int(1, 2) : 0,
    };
    state.addMember(member);
  }

  for (const name of SEED_GROUP_NAMES) {
    state.addGroup({
      id: state.newId(),
      name,
      forcedAlwaysOnIncluded: prng.chance(0.3),
      forcedAlwaysOnExcluded: false,
      geoRestrictionIncluded: prng.chance(0.5),
    });
  }

  // Overlapping memberships: a primary group each, a second one for some, Contractors across teams.
  const groupIds = [...state.groups.keys()];
  for (const member of state.members.values()) {
    const primary = prng.int(0, PRIMARY_GROUPS - 1);
    state.relations.get(groupIds[primary] as string)?.add(member.id);
    if (prng.chance(0.25)) state.relations.get(groupIds[(primary + 1) % PRIMARY_GROUPS] as string)?.add(member.id);
    if (prng.chance(0.2)) state.relations.get(groupIds[4] as string)?.add(member.id);
  }
  return state;
}
