// Builds the seeded world from the company directory: a large organization (1,310 members, 12 teams, one of 1,200) and a small one.
import { type CompanyAccountEntry, type CompanyDirectory, exactly } from '../company/directory.js';
import { skipNameDraws } from '../company/names.js';
import { Prng } from '../core/prng.js';
import {
  drawId,
  type GitBookWorld,
  type OrgMember,
  type OrgRole,
  type BillingProduct,
  type Organization,
  type Team,
  type TeamRole,
  type User,
} from './state.js';

export const DEFAULT_SEED = 1001;

const MAIN_MEMBERS = 1_310;
const LARGE_TEAM_SIZE = 1_200;
/** Every 14th member of the main organization is a guest (role null): 93 of them. */
const GUEST_EVERY = 14;
const TEAM_TITLES = ['Engineering', 'Design', 'Documentation', 'Support', 'Marketing', 'Sales', 'Security', 'Platform', 'Data', 'Legal'] as const;

/** Weighted organization roles for non-guest members. */
const ROLE_WEIGHTS: ReadonlyArray<readonly [OrgRole, number]> = [
  ['admin', 0.03],
  ['create', 0.15],
  ['edit', 0.34],
  ['review', 0.16],
  ['comment', 0.12],
  ['read', 0.2],
];

function drawRole(prng: Prng): OrgRole {
  let roll = prng.next();
  for (const [role, weight] of ROLE_WEIGHTS) {
    if (roll < weight) return role;
    roll -= weight;
  }
  return 'read';
}

function newUser(prng: Prng, entry: CompanyAccountEntry): User {
  skipNameDraws(prng);
  const hasPhoto = prng.chance(0.6);
  const id = drawId(prng, 28);
  return {
    id,
    displayName: entry.person.displayName,
    // A few accounts hide their e-mail (the directory says whose): the field is optional on the wire.
    email: entry.email,
    photoURL: hasPhoto ? `https://files.gitbook.com/avatars/${id}.png` : null,
  };
}

function newMember(prng: Prng, userId: string, role: OrgRole | null, orgCreatedAt: number): OrgMember {
  const joinedAt = prng.timeBetween(new Date(orgCreatedAt).toISOString(), '2025-06-30T00:00:00Z');
  const seen = prng.chance(0.9);
  return {
    userId,
    role,
    disabled: prng.chance(0.04),
    joinedAt,
    lastSeenAt: seen ? prng.timeBetween(new Date(joinedAt).toISOString(), '2025-07-01T00:00:00Z') : null,
    sso: role !== null && prng.chance(0.3),
    spaces: prng.int(0, 40),
    sites: prng.int(0, 6),
  };
}

function newTeam(prng: Prng, title: string, orgCreatedAt: number): Team {
  return {
    id: drawId(prng, 20),
    title,
    createdAt: prng.timeBetween(new Date(orgCreatedAt).toISOString(), '2025-01-01T00:00:00Z'),
    spaces: prng.int(0, 25),
    members: new Map<string, TeamRole>(),
  };
}

function newOrganization(prng: Prng, title: string, plan: BillingProduct, emailDomains: string[]): Organization {
  return {
    id: drawId(prng, 20),
    title,
    createdAt: prng.timeBetween('2018-01-01T00:00:00Z', '2019-01-01T00:00:00Z'),
    type: 'business',
    useCase: 'internalDocs',
    defaultRole: 'read',
    sso: plan === 'enterprise_2024',
    plan,
    // [infer] Values of the fields the spec requires but the seed never showed: the staff's domain for the
    // enterprise organization, invite links on, and no trial (an enterprise contract has none to start).
    emailDomains,
    inviteLinks: true,
    trial: { status: plan === 'enterprise_2024' ? 'notapplicable' : 'none', count: 0 },
    members: new Map(),
    teams: new Map(),
  };
}

export function seedWorld(seed: number, directory: CompanyDirectory): GitBookWorld {
  const prng = new Prng(seed);
  const members = directory.accountsIn('gitbook');
  const guestCount = Math.floor(MAIN_MEMBERS / GUEST_EVERY);
  const partners = exactly(
    members.filter((entry) => entry.person.affiliation === 'partner'),
    guestCount,
    'GitBook guests',
  ).values();
  const staffEntries = exactly(
    members.filter((entry) => entry.person.affiliation === 'staff'),
    MAIN_MEMBERS - guestCount,
    'GitBook staff',
  );
  const employees = staffEntries.values();
  const users = new Map<string, User>();
  const orgs = new Map<string, Organization>();

  // The main organization: big enough that every list pages for real.
  const main = newOrganization(prng, 'Acme Documentation', 'enterprise_2024', ['acme.example']);
  orgs.set(main.id, main);
  const staff: string[] = [];
  for (let i = 0; i < MAIN_MEMBERS; i++) {
    const guest = i % GUEST_EVERY === GUEST_EVERY - 1;
    const user = newUser(prng, (guest ? partners : employees).next().value as CompanyAccountEntry);
    users.set(user.id, user);
    main.members.set(user.id, newMember(prng, user.id, guest ? null : drawRole(prng), main.createdAt));
    if (!guest) staff.push(user.id);
  }

  const everyone = newTeam(prng, 'Everyone', main.createdAt);
  for (const userId of staff.slice(0, LARGE_TEAM_SIZE)) everyone.members.set(userId, prng.chance(0.06) ? 'owner' : 'member');
  main.teams.set(everyone.id, everyone);
  for (const title of TEAM_TITLES) {
    const team = newTeam(prng, title, main.createdAt);
    const size = prng.int(3, 60);
    while (team.members.size < size) team.members.set(prng.pick(staff), team.members.size === 0 ? 'owner' : 'member');
    main.teams.set(team.id, team);
  }
  const empty = newTeam(prng, 'New Hires', main.createdAt);
  main.teams.set(empty.id, empty);

  // The small organization shares its first admin with the main one: one account, two organizations.
  const small = newOrganization(prng, 'Side Project', 'free_2024', []);
  orgs.set(small.id, small);
  const founderId = staff[0] as string;
  const [founder, ...sideProject] = exactly(directory.accountsIn('gitbook', 'side-project'), 9, 'Side Project members');
  if (founder?.person !== staffEntries[0]?.person) throw new Error("the company directory's Side Project founder is not GitBook's first staff member");
  small.members.set(founderId, { ...newMember(prng, founderId, 'admin', small.createdAt), disabled: false });
  for (let i = 0; i < 8; i++) {
    const user = newUser(prng, sideProject[i] as CompanyAccountEntry);
    users.set(user.id, user);
    small.members.set(user.id, newMember(prng, user.id, i === 7 ? null : drawRole(prng), small.createdAt));
  }
  const smallIds = [...small.members.keys()];
  const core = newTeam(prng, 'Core', small.createdAt);
  smallIds.slice(0, 5).forEach((userId, i) => core.members.set(userId, i === 0 ? 'owner' : 'member'));
  const reviewers = newTeam(prng, 'Reviewers', small.createdAt);
  smallIds.slice(5, 7).forEach((userId) => reviewers.members.set(userId, 'member'));
  small.teams.set(core.id, core);
  small.teams.set(reviewers.id, reviewers);

  return {
    users,
    orgs,
    prng,
    ids: { mainOrganizationId: main.id, smallOrganizationId: small.id, largeTeamId: everyone.id, emptyTeamId: empty.id },
  };
}
