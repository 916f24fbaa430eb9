// The simulator's in-memory world: one organization, its user directory, its teams and their members.
import type { Prng } from '../core/prng.js';

export type TeamMemberStatus = 'active' | 'invited' | 'requested-to-join';
export const TEAM_MEMBER_STATUSES: readonly TeamMemberStatus[] = ['active', 'invited', 'requested-to-join'];
export type Visibility = 'public' | 'private';
export const VISIBILITIES: readonly Visibility[] = ['public', 'private'];
export type Accessibility = 'open' | 'request-to-join' | 'invite-only';
export const ACCESSIBILITIES: readonly Accessibility[] = ['open', 'request-to-join', 'invite-only'];

export interface RoleRef {
  id: string;
  type: 'organization';
  workspaces: string[];
}

/** A person in the organization's directory; the Accounts API never shows these fields on a member. */
export interface DirectoryUser {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
}

export interface Membership {
  userId: string;
  status: TeamMemberStatus;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
}

export interface TeamEntry {
  id: string;
  name: string;
  description: string;
  visibility: Visibility;
  accessibility: Accessibility;
  roleRefs: RoleRef[] | null;
  createdAt: number;
  updatedAt: number;
  members: Map<string, Membership>;
}

export interface BirdWorld {
  organizationId: string;
  users: Map<string, DirectoryUser>;
  teams: Map<string, TeamEntry>;
  /** Keeps drawing ids for things created after the seed, so a run stays reproducible. */
  prng: Prng;
  /** Strictly increasing milliseconds, so items created in the same instant still sort in creation order. */
  now(): number;
}

export function monotonicClock(): () => number {
  let last = 0;
  return () => {
    last = Math.max(Date.now(), last + 1);
    return last;
  };
}

/** Ids are UUIDs; the API compares them without regard to case. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}
