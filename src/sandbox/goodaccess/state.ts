// The simulated GoodAccess tenant in memory: members (with passwords and live VPN sessions), groups, relations.
import type { Prng } from '../core/prng.js';

export interface MemberState {
  id: string;
  /** Display name; the create/update body's `name`. */
  name: string;
  /** The login identity, an e-mail for seeded members (`username` in the list, `email` in the get). */
  username: string;
  avatar: string;
  /** Epoch milliseconds. */
  createdAt: number;
  blocked: boolean;
  mfaActive: boolean;
  /** Write-only: stored so the simulator behaves like a user store, never put in a response. */
  password: string;
  /** Active VPN sessions; disconnect ends them all. The API never shows this count. */
  sessions: number;
}

export interface GroupState {
  id: string;
  name: string;
  forcedAlwaysOnIncluded: boolean;
  forcedAlwaysOnExcluded: boolean;
  geoRestrictionIncluded: boolean;
}

export class TenantState {
  /** Insertion order is the order the API lists them in. */
  readonly members = new Map<string, MemberState>();
  readonly groups = new Map<string, GroupState>();
  /** groupId -> member ids, in the order the relations were created. */
  readonly relations = new Map<string, Set<string>>();

  /** Keeps drawing after the seed, so ids of created objects are deterministic too. */
  constructor(readonly prng: Prng) {}

  newId(): string {
    return this.drawId(this.prng);
  }

  /** The id newId() will return next, drawn from a copy of the generator (this state is left as it is). */
  peekNewId(): string {
    return this.drawId(this.prng.clone());
  }

  private drawId(prng: Prng): string {
    let id = prng.uuid();
    while (this.members.has(id) || this.groups.has(id)) id = prng.uuid();
    return id;
  }

  /** A name is taken when another member already uses it as name or login (case-insensitive). */
  memberNameTaken(name: string, exceptId?: string): boolean {
    const wanted = name.toLowerCase();
    for (const member of this.members.values()) {
      if (member.id === exceptId) continue;
      if (member.name.toLowerCase() === wanted || member.username.toLowerCase() === wanted) return true;
    }
    return false;
  }

  groupNameTaken(name: string, exceptId?: string): boolean {
    const wanted = name.toLowerCase();
    for (const group of this.groups.values()) {
      if (group.id !== exceptId && group.name.toLowerCase() === wanted) return true;
    }
    return false;
  }

  addMember(member: MemberState): void {
    this.members.set(member.id, member);
  }

  /** Deleting a member also drops every relation it had. */
  deleteMember(id: string): void {
    this.members.delete(id);
    for (const memberIds of this.relations.values()) memberIds.delete(id);
  }

  addGroup(group: GroupState): void {
    this.groups.set(group.id, group);
    this.relations.set(group.id, new Set());
  }

  deleteGroup(id: string): void {
    this.groups.delete(id);
    this.relations.delete(id);
  }

  groupMembers(groupId: string): MemberState[] {
    const ids = this.relations.get(groupId) ?? new Set<string>();
    return [...ids].map((id) => this.members.get(id)).filter((m): m is MemberState => m !== undefined);
  }
}

/** What route handlers close over: `reset()` swaps the state inside, the routes stay. */
export interface TenantHolder {
  state: TenantState;
}
