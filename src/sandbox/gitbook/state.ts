// The simulator's in-memory world: users, organizations, their members and teams, and the lookups handlers share.
import type { Prng } from '../core/prng.js';
import { SimError } from '../core/types.js';

export const ORG_ROLES = ['admin', 'create', 'edit', 'review', 'comment', 'read'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];
export const TEAM_ROLES = ['owner', 'member'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** A GitBook account; the same user may belong to several organizations. */
export interface User {
  id: string;
  displayName: string;
  email: string | null;
  photoURL: string | null;
}

/** A user's membership of one organization. `teams` is never stored: it is counted from the teams. */
export interface OrgMember {
  userId: string;
  /** Null for guests. */
  role: OrgRole | null;
  disabled: boolean;
  /** Epoch milliseconds. */
  joinedAt: number;
  lastSeenAt: number | null;
  sso: boolean;
  spaces: number;
  sites: number;
}

export interface Team {
  id: string;
  title: string;
  createdAt: number;
  spaces: number;
  /** userId -> team role; `members` on the wire is this map's size, so it always tracks changes. */
  members: Map<string, TeamRole>;
}

/** `BillingProduct`, the enum of `Organization.plan` in @gitbook/api's OpenAPI [spec]. */
export const BILLING_PRODUCTS = ['free_2024', 'plus_2024', 'pro_2024', 'enterprise_2024', 'community_2024', 'free', 'plus', 'pro', 'internal'] as const;
export type BillingProduct = (typeof BILLING_PRODUCTS)[number];
/** `BillingTrialStatus` [spec]. */
export type TrialStatus = 'notapplicable' | 'none' | 'active' | 'ended' | 'expired';

export interface Organization {
  id: string;
  title: string;
  createdAt: number;
  type: 'business' | 'community';
  useCase: string;
  defaultRole: OrgRole;
  sso: boolean;
  plan: BillingProduct;
  /** E-mail domains whose users may join (`emailDomains`, required [spec]). */
  emailDomains: string[];
  /** Whether invite links are enabled (`inviteLinks`, required [spec]). */
  inviteLinks: boolean;
  /** `trial` (required [spec]): its status and how many trials were used. */
  trial: { status: TrialStatus; count: number };
  members: Map<string, OrgMember>;
  teams: Map<string, Team>;
}

/** Ids a client (or a test) needs to begin with. */
export interface SeedIds {
  mainOrganizationId: string;
  smallOrganizationId: string;
  /** The team with 1,200 members in the main organization. */
  largeTeamId: string;
  /** A team with no members in the main organization. */
  emptyTeamId: string;
}

export interface GitBookWorld {
  users: Map<string, User>;
  orgs: Map<string, Organization>;
  ids: SeedIds;
  /** Keeps drawing ids for things created after the seed, so a run stays reproducible. */
  prng: Prng;
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** GitBook ids are short alphanumeric strings (EntityId `^[a-zA-Z0-9_-]+$`). */
export function drawId(prng: Prng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ID_ALPHABET[Math.floor(prng.next() * ID_ALPHABET.length)];
  return out;
}

export function findOrg(world: GitBookWorld, organizationId: string): Organization {
  const org = world.orgs.get(organizationId);
  if (!org) throw new SimError(404, `Organization "${organizationId}" not found`);
  return org;
}

export function findTeam(org: Organization, teamId: string): Team {
  const team = org.teams.get(teamId);
  if (!team) throw new SimError(404, `Team "${teamId}" not found in organization "${org.id}"`);
  return team;
}

export function findMember(org: Organization, userId: string): OrgMember {
  const member = org.members.get(userId);
  if (!member) throw new SimError(404, `User "${userId}" is not a member of organization "${org.id}"`);
  return member;
}

/** How many of the organization's teams a user is in: counted, so it can never drift from the teams. */
export function teamCountOf(org: Organization, userId: string): number {
  let count = 0;
  for (const team of org.teams.values()) if (team.members.has(userId)) count += 1;
  return count;
}

/**
 * Resolves bulk-update entries (user ids or e-mails) to organization members' user ids.
 * [infer] An e-mail must belong to an existing organization member; matching ignores case.
 */
export function memberResolver(world: GitBookWorld, org: Organization): (entry: string) => string | undefined {
  let byEmail: Map<string, string> | undefined;
  return (entry) => {
    if (org.members.has(entry)) return entry;
    if (!entry.includes('@')) return undefined;
    if (!byEmail) {
      byEmail = new Map();
      for (const userId of org.members.keys()) {
        const email = world.users.get(userId)?.email;
        if (email) byEmail.set(email.toLowerCase(), userId);
      }
    }
    return byEmail.get(entry.toLowerCase());
  };
}
