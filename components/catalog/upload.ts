import type { ImportResult } from "@/lib/catalog/import";
import type { ColumnMapping } from "@/lib/catalog/fields";

export type UploadOutcome =
  | { ok: true; result: ImportResult }
  | { ok: false; error: string; fieldErrors?: Record<string, string>; aborted?: boolean };

/**
 * Sends the file as the request body to the streamed import. XMLHttpRequest rather than fetch for
 * its upload progress: the server reads the body only as fast as it imports rows, so the bytes
 * sent track the rows imported.
 */
export function uploadCatalog(
  file: File,
  mapping: ColumnMapping,
  onProgress: (sent: number, total: number) => void,
): { done: Promise<UploadOutcome>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadOutcome>((resolve) => {
    xhr.open("POST", `/api/catalog/import?mapping=${encodeURIComponent(JSON.stringify(mapping))}`);
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

/** The head of the file for the preview, cut at the last line end so no row is half read. */
export async function readHead(file: File, bytes: number): Promise<string> {
  const text = await file.slice(0, bytes).text();
  if (file.size <= bytes) return text;
  const end = text.lastIndexOf("\n");
  return end > 0 ? text.slice(0, end + 1) : text;
}
