/**
 * Reading request bodies with a size cap, for every route handler: a body over its cap is refused
 * with 413 and a plain message before it fills memory (Content-Length first, then counted as it
 * arrives, since a chunked upload has no length). Server actions are capped by next.config's
 * `serverActions.bodySizeLimit`, enforced with a 413 in proxy.ts.
 */
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { AppError } from "@/lib/errors";

/** The caps, in bytes (README "Security" lists them). */
export const BODY_LIMITS = {
  /** JSON bodies of the API (a shipment with 20 packages is a few KB). */
  json: 256 * 1024,
  /** Auth.js's form posts (sign-in, sign-out). */
  authForm: 16 * 1024,
  /**
   * Every file upload, one cap for all: the catalog import (about 300k variants of typical width)
   * and the shipments CSV. Streamed through route handlers, never server actions (1 MB).
   */
  csvUpload: 100 * 1024 * 1024,
} as const;

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}

export function tooLarge(maxBytes: number, what = "The request"): AppError {
  return new AppError("TOO_LARGE", `${what} is larger than ${megabytes(maxBytes)}, the most Conduit accepts here.`);
}

function checkDeclaredLength(request: Request, maxBytes: number, what?: string): void {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes, what);
}

/** The body as bytes, refusing it (413) past maxBytes. */
export async function readBodyBytes(request: Request, maxBytes: number, what?: string): Promise<Uint8Array> {
  checkDeclaredLength(request, maxBytes, what);
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes, what);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** A JSON body (413 past the cap; a body that is not JSON comes back as the string "(not JSON)"). */
export async function readJsonBody(request: Request, maxBytes: number = BODY_LIMITS.json): Promise<unknown> {
  return parseJsonText(new TextDecoder().decode(await readBodyBytes(request, maxBytes, "The request body")));
}

/** JSON text as a value, or the string "(not JSON)" for text that is not JSON (zod then names the body). */
function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return "(not JSON)";
  }
}

/**
 * A JSON body that may be left out: no body, an empty one or only whitespace gives `undefined`,
 * whatever the headers say (`curl -X POST` without data sends neither a body nor Content-Length,
 * and a chunked empty body has no Content-Length either). Otherwise as readJsonBody.
 */
export async function readOptionalJsonBody(
  request: Request,
  maxBytes: number = BODY_LIMITS.json,
): Promise<unknown | undefined> {
  const bytes = await readBodyBytes(request, maxBytes, "The request body");
  const text = new TextDecoder().decode(bytes);
  return text.trim() === "" ? undefined : parseJsonText(text);
}

/** A copy of the request with its body read under the cap (for handlers we do not own, like Auth.js's). */
export async function withCappedBody(request: Request, maxBytes: number): Promise<Request> {
  if (request.method === "GET" || request.method === "HEAD") return request;
  const body = await readBodyBytes(request, maxBytes, "The request body");
  return new Request(request, { body: body as BodyInit });
}

/**
 * The body as a Node stream that fails with the 413 AppError once more than maxBytes have arrived,
 * for streamed uploads (the CSV import reads it a batch at a time).
 */
export function cappedBodyStream(request: Request, maxBytes: number, what?: string): Readable {
  checkDeclaredLength(request, maxBytes, what);
  if (!request.body) return Readable.from([]);
  let size = 0;
  const source = Readable.fromWeb(request.body as unknown as NodeReadableStream<Uint8Array>);
  async function* counted() {
    for await (const chunk of source) {
      size += (chunk as Uint8Array).byteLength;
      if (size > maxBytes) {
        source.destroy();
        throw tooLarge(maxBytes, what);
      }
      yield chunk as Uint8Array;
    }
  }
  return Readable.from(counted(), { objectMode: false });
}
