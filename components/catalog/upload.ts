/**
 * The catalog import's browser side: streams the file to the import, reads its progress, estimates
 * rows, reads the head.
 */

import type { ImportResult } from "@/lib/catalog/import";
import type { ColumnMapping } from "@/lib/catalog/fields";
import type { ImportProgress } from "@/lib/catalog/import-progress";

export type UploadOutcome =
  | { ok: true; result: ImportResult }
  | { ok: false; error: string; fieldErrors?: Record<string, string>; aborted?: boolean };

/**
 * Sends the file as the request body to the streamed import, tagged with `importId` so the page
 * can read the rows written (readServerProgress). The bytes sent (onProgress) are not the import's
 * progress: the network and the server buffer megabytes ahead of the rows written.
 */
export function uploadCatalog(
  file: File,
  mapping: ColumnMapping,
  importId: string,
  onProgress: (sent: number, total: number) => void,
): { done: Promise<UploadOutcome>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadOutcome>((resolve) => {
    const query = `mapping=${encodeURIComponent(JSON.stringify(mapping))}&importId=${encodeURIComponent(importId)}`;
    xhr.open("POST", `/api/catalog/import?${query}`);
    xhr.setRequestHeader("Content-Type", "text/csv");
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onload = () => {
      const body = xhr.response as (ImportResult & { error?: string; fieldErrors?: Record<string, string> }) | null;
      if (xhr.status === 200 && body) resolve({ ok: true, result: body });
      else if (xhr.status === 401)
        resolve({ ok: false, error: "Your session ended. Sign in again, then import the file." });
      else
        resolve({
          ok: false,
          error: body?.error ?? `The import failed (HTTP ${xhr.status}).`,
          fieldErrors: body?.fieldErrors,
        });
    };
    xhr.onerror = () =>
      resolve({ ok: false, error: "The upload was interrupted. Check your connection and try again." });
    xhr.onabort = () =>
      resolve({ ok: false, error: "The import was stopped. Rows already imported are kept.", aborted: true });
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}

/** The rows the server has handled for an import, or null when it cannot say (yet). */
export async function readServerProgress(importId: string): Promise<ImportProgress | null> {
  try {
    const response = await fetch(`/api/catalog/import/progress?importId=${encodeURIComponent(importId)}`, {
      cache: "no-store",
    });
    if (!response.ok) return null;
    const body = (await response.json()) as { rowsDone: number | null; finished: boolean };
    return body.rowsDone === null ? null : { rowsDone: body.rowsDone, finished: body.finished };
  } catch {
    return null;
  }
}

/** About how many data rows a file has (newlines minus the header); a quoted cell may hold a newline. */
export async function estimateRows(file: File): Promise<number> {
  const reader = file.stream().getReader();
  let lines = 0;
  let last = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    for (let i = 0; i < value.length; i++) if (value[i] === 10) lines++;
    if (value.length > 0) last = value[value.length - 1]!;
  }
  if (file.size > 0 && last !== 10) lines++;
  return Math.max(0, lines - 1);
}

/** The head of a file as sent to a preview: its first bytes, base64 (the server detects the encoding). */
export interface FileHead {
  base64: string;
  /** The file is longer than the head: its last row may be cut. */
  partial: boolean;
}

/**
 * The first `bytes` bytes of the file, undecoded: the server reads them as the import will (text
 * encoding, delimiter), so the preview shows what will be imported. `file.text()` would decode
 * them as UTF-8 here and turn a Windows-1252 "é" into "�" before the server saw it.
 */
export async function readHead(file: File, bytes: number): Promise<FileHead> {
  const data = new Uint8Array(await file.slice(0, bytes).arrayBuffer());
  let binary = "";
  for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
  return { base64: btoa(binary), partial: file.size > bytes };
}
