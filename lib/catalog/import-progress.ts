/**
 * Progress of the catalog imports running in this process, as rows handled (written, unchanged or
 * rejected), keyed by workspace and an id the browser chose for its upload. The upload's bytes do
 * not say how far the import is: the server and the network buffer megabytes ahead of the rows
 * written, so a browser that counted bytes showed 100 % long before the end (issue 14 §4).
 * Also the view of that progress the import page shows (importProgressView).
 */

/** One import's progress: rows handled so far (their batch committed, or rejected), and whether it ended. */
export interface ImportProgress {
  rowsDone: number;
  finished: boolean;
}

interface Entry extends ImportProgress {
  updatedAt: number;
}

/** Entries untouched for this long are dropped (a browser that stopped polling). */
const KEEP_MS = 10 * 60_000;

// On globalThis: Next.js may evaluate this module in several bundles of one process (the import
// route writes, the progress route reads).
const globalForImports = globalThis as unknown as { conduitCatalogImports?: Map<string, Entry> };
if (!globalForImports.conduitCatalogImports) globalForImports.conduitCatalogImports = new Map<string, Entry>();
const imports = globalForImports.conduitCatalogImports;

function keyOf(workspaceId: string, importId: string): string {
  return `${workspaceId}:${importId}`;
}

function prune(now: number): void {
  for (const [key, entry] of imports) if (now - entry.updatedAt > KEEP_MS) imports.delete(key);
}

/**
 * Starts tracking an import. Returns `report(rowsDone)`, called as batches are handled, and
 * `finish()`, called when the import ends (however it ends).
 */
export function trackImportProgress(
  workspaceId: string,
  importId: string,
): { report: (rowsDone: number) => void; finish: () => void } {
  const now = Date.now();
  prune(now);
  const key = keyOf(workspaceId, importId);
  const entry: Entry = { rowsDone: 0, finished: false, updatedAt: now };
  imports.set(key, entry);
  return {
    report: (rowsDone) => {
      entry.rowsDone = rowsDone;
      entry.updatedAt = Date.now();
    },
    finish: () => {
      entry.finished = true;
      entry.updatedAt = Date.now();
    },
  };
}

/** The progress of a workspace's import, or null when this process does not know it (not started yet, another server, expired). */
export function readImportProgress(workspaceId: string, importId: string): ImportProgress | null {
  const entry = imports.get(keyOf(workspaceId, importId));
  return entry ? { rowsDone: entry.rowsDone, finished: entry.finished } : null;
}

/** What the import page shows while a file is imported. */
export interface ImportProgressView {
  /** 0-100, or null when the share done is not known (the bar is then indeterminate). */
  percent: number | null;
  label: string;
}

const count = (n: number) => n.toLocaleString("en-US");

/**
 * The progress line for an import: from the rows the server says it handled, against the rows
 * the browser counted in the file (an estimate: a quoted cell may hold a line break). Never 100 %
 * before the server has finished; the bytes sent are only shown while no row is known yet.
 * `server` is null when no progress has been read from the server (yet).
 */
export function importProgressView(input: {
  bytesSent: number;
  bytesTotal: number;
  estimatedRows: number | null;
  server: ImportProgress | null;
}): ImportProgressView {
  const { server, estimatedRows } = input;
  if (server?.finished)
    return { percent: 100, label: `${count(server.rowsDone)} rows imported; preparing the result…` };
  if (server && server.rowsDone > 0) {
    if (estimatedRows && estimatedRows > 0) {
      const done = Math.min(server.rowsDone, estimatedRows);
      return {
        percent: Math.min(99, Math.floor((done / estimatedRows) * 100)),
        label: `${count(server.rowsDone)} of about ${count(estimatedRows)} rows imported`,
      };
    }
    return { percent: null, label: `${count(server.rowsDone)} rows imported` };
  }
  if (input.bytesSent > 0 && input.bytesTotal > 0)
    return { percent: 0, label: "Reading the file and writing the first rows…" };
  return { percent: 0, label: "Starting the import…" };
}
