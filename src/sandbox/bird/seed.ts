// Builds the seeded world from the company directory: one organization, 300 directory users and 8 teams of every kind, one of 150 members.
import { type CompanyDirectory, exactly } from '../company/directory.js';
import { skipNameDraws } from '../company/names.js';
import { Prng } from '../core/prng.js';
import {
  monotonicClock,
  type Accessibility,
  type BirdWorld,
  type DirectoryUser,
  type Membership,
  type TeamEntry,
  type TeamMemberStatus,
  type Visibility,
} from './state.js';

export const DIRECTORY_SIZE = 300;

interface TeamPlan {
  name: string;
  description: string;
  visibility: Visibility;
  accessibility: Accessibility;
  /** How many members of each status, in that order. */
  active: number;
  invited: number;
  requested: number;
  withRoles: boolean;
}

/** The seeded teams: all three accessibility values, both visibilities, one large team and one empty one. */
export const TEAM_PLANS: readonly TeamPlan[] = [
  {
    name: 'All Hands',
    description: 'Everyone in the company',
    visibility: 'public',
    accessibility: 'request-to-join',
    active: 105,
    invited: 27,
    requested: 18,
    withRoles: true,
  },
  {
    name: 'Engineering',
    description: 'Builds the product',
    visibility: 'public',
    accessibility: 'open',
    active: 40,
    invited: 2,
    requested: 0,
    withRoles: true,
  },
  {
    name: 'Customer Support',
    description: 'Answers customers',
    visibility: 'public',
    accessibility: 'request-to-join',
    active: 21,
    invited: 0,
    requested: 6,
    withRoles: false,
  },
  {
    name: 'Design',
    description: 'Product and brand design',
    visibility: 'private',
    accessibility: 'open',
    active: 11,
    invited: 0,
    requested: 0,
    withRoles: false,
  },
  {
    name: 'Security',
    description: 'Incident response',
    visibility: 'private',
    accessibility: 'invite-only',
    active: 6,
    invited: 3,
    requested: 0,
    withRoles: true,
  },
  {
    name: 'Leadership',
    description: 'Executive team',
    visibility: 'private',
    accessibility: 'invite-only',
    active: 5,
    invited: 1,
    requested: 0,
    withRoles: false,
  },
  { name: 'Sales', description: 'Revenue', visibility: 'public', accessibility: 'open', active: 33, invited: 0, requested: 0, withRoles: false },
  {
    name: 'Alumni',
    description: 'Former staff (no members)',
    visibility: 'public',
    accessibility: 'open',
    active: 0,
    invited: 0,
    requested: 0,
    withRoles: false,
  },
];

const WORLD_START = '2022-01-01T00:00:00Z';
const TEAMS_UNTIL = '2023-06-01T00:00:00Z';
const WORLD_END = '2025-06-01T00:00:00Z';

export function seedWorld(seed: number, directory: CompanyDirectory): BirdWorld {
  const prng = new Prng(seed);
  const organizationId = prng.uuid();

  const users = new Map<string, DirectoryUser>();
  for (const { person } of exactly(directory.accountsIn('bird'), DIRECTORY_SIZE, 'Bird directory users')) {
    skipNameDraws(prng);
    const id = prng.uuid();
    // The organization knows its users' e-mails; the Accounts API never shows them on a team member.
    users.set(id, { id, firstName: person.firstName, lastName: person.lastName, email: person.email });
  }
  const userIds = [...users.keys()];

  const teams = new Map<string, TeamEntry>();
  for (const plan of TEAM_PLANS) {
    const createdAt = prng.timeBetween(WORLD_START, TEAMS_UNTIL);
    const team: TeamEntry = {
      id: prng.uuid(),
      name: plan.name,
      description: plan.description,
      visibility: plan.visibility,
      accessibility: plan.accessibility,
      roleRefs: plan.withRoles ? [{ id: prng.uuid(), type: 'organization', workspaces: [prng.uuid()] }] : null,
      createdAt,
      updatedAt: prng.timeBetween(new Date(createdAt).toISOString(), WORLD_END),
      members: new Map(),
    };
    const statuses: TeamMemberStatus[] = [
      ...Array<TeamMemberStatus>(plan.active).fill('active'),
      ...Array<TeamMemberStatus>(plan.invited).fill('invited'),
      ...Array<TeamMemberStatus>(plan.requested).fill('requested-to-join'),
    ];
    const chosen = sample(prng, userIds, statuses.length);
    chosen.forEach((userId, i) => {
      const joined = prng.timeBetween(new Date(createdAt).toISOString(), WORLD_END);
      const member: Membership = {
        userId,
        status: statuses[i] as TeamMemberStatus,
        createdAt: joined,
        updatedAt: prng.chance(0.3) ? prng.timeBetween(new Date(joined).toISOString(), WORLD_END) : joined,
      };
      team.members.set(userId, member);
    });
    teams.set(team.id, team);
  }

  return { organizationId, users, teams, prng, now: monotonicClock() };
}

/** `count` distinct items in a seeded random order (a partial Fisher-Yates shuffle). */
function sample<T>(prng: Prng, items: readonly T[], count: number): T[] {
  const pool = [...items];
  for (let i = 0; i < count; i++) {
    const j = prng.int(i, pool.length - 1);
    [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
  }
  return pool.slice(0, count);
}
