// Types of db/data-dir-lock.mjs (plain JavaScript so scripts/start.mjs can use it before any build).
export declare const LOCK_FILE: string;
export declare const LOCK_TOKEN_ENV: string;

export declare class DataDirInUseError extends Error {
  constructor(dir: string, holder: { pid: number; since?: string });
  readonly dir: string;
  readonly pid: number;
}

export interface DataDirLock {
  /** The folder, absolute. */
  dir: string;
  /** DATA_DIR/conduit.lock */
  file: string;
  /** Handed to children in CONDUIT_DATA_DIR_LOCK so they join the lock instead of being refused. */
  token: string;
  /** Leaves the lock (deleted when no live holder remains); also runs on process exit. */
  release(): void;
}

export declare function lockDataDir(dir: string, options?: { role?: string; token?: string }): DataDirLock;
