// Switchable faults: latency, errors, 429 bursts, malformed bodies and hangs, for all calls or chosen routes.
import { Prng } from './prng.js';

export type FaultKind = 'latency' | 'error' | 'rateLimit' | 'malformed' | 'hang';

export interface FaultRule {
  kind: FaultKind;
  /** Only requests with this method and/or route template (as in the request log, e.g. `/v1/orgs/{organizationId}`). */
  match?: { method?: string; route?: string };
  /** Applies to this many matching requests, then retires; forever when omitted. */
  times?: number;
  /** Applies to this share of matching requests (0..1), drawn from a seeded generator; 1 when omitted. */
  probability?: number;
  /** `error`: the status to answer with (default 503). */
  status?: number;
  /** `rateLimit`: the Retry-After in seconds (default 1). */
  retryAfter?: number;
  /** `latency`: added delay before the real answer. */
  latencyMs?: number;
}

export interface ActiveFault extends FaultRule {
  id: number;
  /** How many requests this rule has hit so far. */
  hits: number;
}

const KINDS: readonly FaultKind[] = ['latency', 'error', 'rateLimit', 'malformed', 'hang'];

/** Checks a rule that came over the control endpoint, naming the first thing wrong with it. */
export function parseFaultRule(value: unknown): FaultRule {
  if (typeof value !== 'object' || value === null) throw new Error('a fault rule must be a JSON object');
  const rule = value as Record<string, unknown>;
  if (!KINDS.includes(rule.kind as FaultKind)) throw new Error(`fault kind must be one of ${KINDS.join(', ')}`);
  for (const key of ['times', 'probability', 'status', 'retryAfter', 'latencyMs'] as const) {
    if (rule[key] !== undefined && typeof rule[key] !== 'number') throw new Error(`fault ${key} must be a number`);
  }
  return rule as unknown as FaultRule;
}

export class FaultPlan {
  private rules: ActiveFault[] = [];
  private nextId = 1;
  private readonly prng = new Prng(0xfa17);

  /** Adds a rule; returns its id for `remove`. */
  add(rule: FaultRule): number {
    const id = this.nextId++;
    this.rules.push({ ...rule, id, hits: 0 });
    return id;
  }

  remove(id: number): void {
    this.rules = this.rules.filter((rule) => rule.id !== id);
  }

  clear(): void {
    this.rules = [];
  }

  list(): ActiveFault[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  /** The faults that apply to this request: at most one latency, then at most one failure. */
  draw(method: string, route: string): { latencyMs: number; failure?: ActiveFault } {
    let latencyMs = 0;
    let failure: ActiveFault | undefined;
    for (const rule of this.rules) {
      if (rule.match?.method && rule.match.method.toUpperCase() !== method) continue;
      if (rule.match?.route && rule.match.route !== route) continue;
      if (rule.kind === 'latency' ? latencyMs > 0 : failure) continue;
      if (rule.probability !== undefined && !this.prng.chance(rule.probability)) continue;
      rule.hits += 1;
      if (rule.kind === 'latency') latencyMs = rule.latencyMs ?? 0;
      else failure = rule;
    }
    this.rules = this.rules.filter((rule) => rule.times === undefined || rule.hits < rule.times);
    return failure ? { latencyMs, failure } : { latencyMs };
  }
}
