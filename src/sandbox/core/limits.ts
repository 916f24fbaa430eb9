// Whether the simulators enforce their providers' documented rate limits, and how much faster their clocks run.

export interface SandboxLimits {
  /** SANDBOX_ENFORCE_LIMITS=1: over a documented quota a simulator answers 429 (and locks out where its vendor does). */
  enforce: boolean;
  /** SANDBOX_TIME_SCALE: windows and lockouts pass this many times faster (60: Cloudflare's 5 minutes in 5 s). */
  timeScale: number;
}

/** A vendor's documented quota: calls per window, and the lockout that follows going over (where there is one). */
export interface DocumentedLimit {
  quota: number;
  windowSeconds: number;
  lockoutSeconds: number;
}

/** The limit with its window and lockout compressed by the time scale; the quota stays as documented. */
export function compressed(limit: DocumentedLimit, timeScale: number): DocumentedLimit {
  return { quota: limit.quota, windowSeconds: limit.windowSeconds / timeScale, lockoutSeconds: limit.lockoutSeconds / timeScale };
}

/**
 * Reads SANDBOX_ENFORCE_LIMITS (1/true/0/false) and SANDBOX_TIME_SCALE (1 to 3600); a bad value throws an Error
 * naming the variable. `npm run sandbox` and startSandbox() (unless given limits) use this.
 */
export function sandboxLimitsFromEnv(env: Readonly<Record<string, string | undefined>>): SandboxLimits {
  const enforceText = (env.SANDBOX_ENFORCE_LIMITS ?? '').trim().toLowerCase();
  if (!['', '0', '1', 'true', 'false'].includes(enforceText)) {
    throw new Error(`SANDBOX_ENFORCE_LIMITS must be 1 or 0; got ${JSON.stringify(env.SANDBOX_ENFORCE_LIMITS)}`);
  }
  const scaleText = (env.SANDBOX_TIME_SCALE ?? '').trim();
  const timeScale = scaleText === '' ? 1 : Number(scaleText);
  if (!Number.isFinite(timeScale) || timeScale < 1 || timeScale > 3600) {
    throw new Error(`SANDBOX_TIME_SCALE must be a number from 1 to 3600, such as 60; got ${JSON.stringify(env.SANDBOX_TIME_SCALE)}`);
  }
  return { enforce: enforceText === '1' || enforceText === 'true', timeScale };
}
