// Duplicate references in one membership change collapsed, so each member is changed, reported and counted once.
import type { IdRules } from '../../providers/types.js';
import type { GivenRef } from './input.js';
import { idKey, type Resolved } from './refs.js';

/**
 * The rule (the schema's `members` / `memberIds` descriptions say the same to clients):
 *
 * - References that are the same after normalisation are one: the same memberId, or the same userId, compared
 *   by the provider's id rules (IdRules.ignoreCase: Bird's and GoodAccess's UUIDs in any case; Cloudflare's format
 *   takes lowercase hex only; GitBook and Checkmarx exactly); the same e-mail compared case-insensitively (an
 *   e-mail with surrounding spaces is refused by the format check before this, so there is nothing to trim).
 * - References of different kinds that reach the same provider member are one too: a userId that is the member
 *   id, an e-mail or a userId looked up to a member id, and on GitBook an e-mail given beside ids (resolveRefs
 *   looks it up for exactly this).
 * - The member keeps the place of its first reference: that reference's index is where errors point, and the
 *   entry shows the memberId found plus the first userId and the first e-mail given for it, so a client can match
 *   each of its references to the entry.
 * - References that name no one collapse only with references identical to them (the same failure once).
 *
 * Conflicting instructions for one member cannot arise: the only per-member instruction is addMembers' `role`,
 * and it is one field of the whole input, the same for every member of the change.
 *
 * Collapsing happens before any write (resolution only reads), so the upstream calls are those of the distinct
 * members, and the payload's `changes` and `summary` count each member once.
 */
export function collapse(ids: IdRules, resolved: readonly Resolved[]): Resolved[] {
  const firsts = new Map<string, Resolved>();
  for (const r of resolved) {
    const key = r.target ? r.target.key : `given:${givenKey(ids, r.given)}`;
    const first = firsts.get(key);
    if (first) first.also = [...(first.also ?? []), r.given];
    else firsts.set(key, { ...r });
  }
  // A Map iterates in insertion order: each member at its first reference's place.
  return [...firsts.values()];
}

/** A reference as given, normalised: what two identical references share. */
function givenKey(ids: IdRules, given: GivenRef): string {
  return given.kind === 'email' ? `email:${given.value.toLowerCase()}` : `${given.kind}:${idKey(ids, given.value)}`;
}

/** Every reference a collapsed entry stands for, the first one first. */
export function referencesOf(r: Resolved): GivenRef[] {
  return [r.given, ...(r.also ?? [])];
}
