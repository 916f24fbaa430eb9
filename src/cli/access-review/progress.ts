// Progress lines on stderr during a long walk: pages read (requests sent) and memberships so far, at most one a second.

export interface Progress {
  request(): void;
  memberships(total: number): void;
  /** The last line, whatever the time since the previous one. */
  done(): void;
}

const INTERVAL_MS = 1000;

export function createProgress(write: (line: string) => void, quiet: boolean): Progress {
  let requests = 0;
  let memberships = 0;
  let last = Date.now();
  const line = () => write(`access-review: ${requests} pages read, ${memberships} memberships so far`);
  const maybe = () => {
    if (quiet || Date.now() - last < INTERVAL_MS) return;
    last = Date.now();
    line();
  };
  return {
    request: () => {
      requests += 1;
      maybe();
    },
    memberships: (total) => {
      memberships = total;
      maybe();
    },
    done: () => {
      if (!quiet) write(`access-review: ${requests} pages read, ${memberships} memberships, done`);
    },
  };
}
