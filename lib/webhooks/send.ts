/**
 * One signed webhook POST: the lower-level send every webhook in Conduit goes through (workspace
 * endpoints here, vendors' order deliveries in issue 18). It signs the exact body with the
 * Standard Webhooks headers (./sign.ts), posts it through the guarded fetch (public addresses only
 * unless WEBHOOK_ALLOWED_HOSTS says otherwise, checked on the connected address; redirects never
 * followed), and reports what happened without throwing: a person reads the outcome in a delivery
 * log, so every failure is a plain sentence.
 */
import { BLOCKED_ADDRESS_CODE } from "@/lib/sellercloud/classify";
import { guardedFetch } from "@/lib/sellercloud/guarded-fetch";
import { requestDeadline } from "@/lib/util/request-deadline";
import { checkWebhookUrl, currentWebhookHostPolicy, webhookAddressCheck } from "./address-policy";
import { signWebhook } from "./sign";

export interface SignedWebhookRequest {
  url: string;
  /** The endpoint's signing secret, "whsec_…". */
  secret: string;
  /** The Standard Webhooks message id (webhook-id): the same on every retry of one message. */
  messageId: string;
  /** The JSON text to send, exactly as signed. */
  body: string;
  /** Signing time; default now. */
  at?: Date;
  /** Give up waiting for an answer after this long; default 15 s. */
  timeoutMs?: number;
  /** Extra headers (never overriding the signature headers or content-type). */
  headers?: Record<string, string>;
  /** Test seam: the fetch to use; default the guarded fetch of the deployment's webhook host policy. */
  fetch?: typeof fetch;
}

export interface WebhookAttemptResult {
  /** True for a 2xx answer. */
  ok: boolean;
  /** The receiver's HTTP status, or null when no answer came. */
  statusCode: number | null;
  /** From sending to the end of the read answer, in milliseconds. */
  durationMs: number;
  /** The answer body's first 300 characters (control characters removed), or null. */
  responseExcerpt: string | null;
  /** Why it failed, in plain words; null when ok. */
  error: string | null;
}

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 15_000;
const EXCERPT_CHARS = 300;
const READ_LIMIT_BYTES = 4_096;

async function readExcerpt(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < READ_LIMIT_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  // Control characters out (a receiver's answer is shown in the delivery log); line breaks become spaces.
  const text = Buffer.concat(chunks)
    .toString("utf8")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .trim();
  if (!text) return null;
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
}

function failureWords(error: unknown, timeoutMs: number): string {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    const name = (e as { name?: unknown }).name;
    if (code === BLOCKED_ADDRESS_CODE) return (e as Error).message;
    if (name === "TimeoutError" || name === "AbortError") return `No answer within ${timeoutMs / 1000} seconds.`;
    if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "The endpoint's host name could not be found (DNS).";
    if (code === "ECONNREFUSED") return "The endpoint refused the connection.";
    if (code === "ECONNRESET" || code === "UND_ERR_SOCKET") return "The endpoint closed the connection.";
    if (typeof code === "string" && /CERT|SSL|TLS/i.test(code)) return "The endpoint's TLS certificate was refused.";
    e = (e as { cause?: unknown }).cause;
  }
  return "The endpoint could not be reached.";
}

/**
 * Signs and POSTs one webhook body once. Never throws; the result says what happened. A 3xx is a
 * failure naming where it pointed (redirects are not followed: nothing is sent there).
 */
export async function sendSignedWebhook(request: SignedWebhookRequest): Promise<WebhookAttemptResult> {
  const timeoutMs = request.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const policy = currentWebhookHostPolicy();
  const refusal = checkWebhookUrl(request.url, policy);
  if (refusal)
    return {
      ok: false,
      statusCode: null,
      durationMs: 0,
      responseExcerpt: null,
      error: refusal.endsWith(".") ? refusal : `${refusal}.`,
    };
  const signature = signWebhook(request.secret, request.messageId, request.at ?? new Date(), request.body);
  const send = request.fetch ?? guardedFetch(webhookAddressCheck(policy));
  // Cleared once the answer is read, not left armed after it (lib/util/request-deadline.ts).
  const deadline = requestDeadline(timeoutMs);
  try {
    const response = await send(request.url, {
      method: "POST",
      headers: {
        ...request.headers,
        "content-type": "application/json",
        "user-agent": "Conduit-Webhooks/1",
        ...signature,
      },
      body: request.body,
      signal: deadline.signal,
    });
    const responseExcerpt = await readExcerpt(response).catch(() => null);
    const statusCode = response.status;
    if (statusCode >= 200 && statusCode < 300) {
      return { ok: true, statusCode, durationMs: elapsed(), responseExcerpt, error: null };
    }
    let error = `The endpoint answered ${statusCode}.`;
    if (statusCode >= 300 && statusCode < 400) {
      const location = response.headers.get("location");
      let where = "another address";
      try {
        if (location) where = new URL(location, request.url).host;
      } catch {}
      error = `The endpoint answered ${statusCode}, a redirect to ${where}; redirects are not followed. Use the final address.`;
    }
    return { ok: false, statusCode, durationMs: elapsed(), responseExcerpt, error };
  } catch (error) {
    return {
      ok: false,
      statusCode: null,
      durationMs: elapsed(),
      responseExcerpt: null,
      error: failureWords(error, timeoutMs),
    };
  } finally {
    deadline.done();
  }
}
