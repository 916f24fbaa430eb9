// The record of every request a simulator answered: what tests and benchmarks count upstream calls with.

export interface LoggedRequest {
  seq: number;
  method: string;
  /** The matched route template with the base path, such as `/v1/orgs/{organizationId}/teams`; `(no route)` otherwise. */
  route: string;
  /** The raw path as received, query excluded (for checking that ids never climb out of their segment). */
  path: string;
  status: number;
  ms: number;
  /** The fault that shaped this answer, if any. */
  fault?: string;
}

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;

  add(entry: Omit<LoggedRequest, 'seq'>): void {
    this.entries.push({ seq: ++this.seq, ...entry });
  }

  list(): LoggedRequest[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }

  /** Requests matching a method and route template (either may be omitted). */
  count(filter: { method?: string; route?: string } = {}): number {
    return this.entries.filter((e) => (!filter.method || e.method === filter.method) && (!filter.route || e.route === filter.route)).length;
  }
}
