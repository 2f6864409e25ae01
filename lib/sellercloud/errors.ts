/**
 * The one error type the SellerCloud client throws. It carries what a run record or the wizard's
 * "Test connection" needs: a plain sentence, the HTTP status, whether trying again later may help,
 * and a short body with every password and token removed.
 */

export type SellerCloudErrorKind =
  | "auth" // wrong username/password, or a token that keeps being refused
  | "dns" // the host does not exist: wrong Server ID or URL
  | "connection" // refused, reset, dropped before an answer
  | "timeout"
  | "not_api" // an HTML page (or other non-JSON) where JSON was expected, from an address never seen working
  | "unavailable" // a web page instead of the API from a connection that worked before: maintenance or an outage
  | "redirect" // a 3xx: never followed, so credentials never go to another address
  | "blocked_address" // the address resolves to one this server may not call (loopback, private, metadata…)
  | "not_found" // 404: unknown route or, often, a missing module permission
  | "bad_request" // 400 and other 4xx refusals
  | "server" // 5xx
  | "throttled" // rate limit still in force after the client stopped waiting
  | "invalid_response" // JSON whose shape the app cannot use
  | "aborted"; // the caller canceled

export interface SellerCloudErrorInit {
  kind: SellerCloudErrorKind;
  status?: number;
  retryable: boolean;
  /** A write that may have reached SellerCloud (timeout or 5xx after sending): read back before re-sending. */
  mayHaveApplied?: boolean;
  method?: string;
  path?: string;
  body?: string;
  cause?: unknown;
}

export class SellerCloudError extends Error {
  readonly kind: SellerCloudErrorKind;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly mayHaveApplied: boolean;
  readonly method: string | undefined;
  readonly path: string | undefined;
  /** The response body, trimmed to ~300 characters with secrets removed. */
  readonly body: string | undefined;

  constructor(message: string, init: SellerCloudErrorInit) {
    super(message, { cause: init.cause });
    this.name = "SellerCloudError";
    this.kind = init.kind;
    this.status = init.status;
    this.retryable = init.retryable;
    this.mayHaveApplied = init.mayHaveApplied ?? false;
    this.method = init.method;
    this.path = init.path;
    this.body = init.body;
  }

  /** Fields safe to log or store on a run event. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      status: this.status,
      retryable: this.retryable,
      mayHaveApplied: this.mayHaveApplied,
      method: this.method,
      path: this.path,
      body: this.body,
    };
  }
}

export function isSellerCloudError(error: unknown): error is SellerCloudError {
  return error instanceof SellerCloudError;
}

/** The error every SellerCloud wait and request ends with when its caller cancels. */
export function abortedError(signal?: AbortSignal): SellerCloudError {
  return new SellerCloudError("The SellerCloud request was canceled.", {
    kind: "aborted",
    retryable: false,
    cause: signal?.reason,
  });
}

const BODY_LIMIT = 300;

/**
 * Removes credentials from text that may be logged or stored: JSON password/token fields,
 * bearer headers, JWT-looking strings, and any literal secrets the caller knows about.
 */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 3) out = out.split(secret).join("***");
  }
  return out
    .replace(/("?(?:password|access_token|token|apiToken|api_token)"?\s*[:=]\s*)("[^"]*"|[^\s,&}]+)/gi, '$1"***"')
    .replace(/(Bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi, "$1***")
    .replace(/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}(?:\.[A-Za-z0-9_-]*)?/g, "***");
}

/** Collapses whitespace, scrubs secrets and cuts to a short excerpt for messages and logs. */
export function trimBody(text: string, secrets: readonly (string | undefined)[] = []): string {
  const flat = scrubSecrets(text, secrets).replace(/\s+/g, " ").trim();
  return flat.length > BODY_LIMIT ? `${flat.slice(0, BODY_LIMIT)}…` : flat;
}

/** Pulls a human message out of SellerCloud's (undocumented) error shapes, if there is one. */
export function extractErrorMessage(body: unknown): string | undefined {
  if (typeof body === "string") return body.trim() || undefined;
  if (!body || typeof body !== "object") return undefined;
  const record = body as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of ["Message", "message", "Error", "error", "error_description", "ExceptionMessage"]) {
    const value = record[key];
    if (typeof value === "string" && value.trim() && !parts.includes(value.trim())) parts.push(value.trim());
  }
  const modelState = record.ModelState;
  if (modelState && typeof modelState === "object") {
    for (const [field, messages] of Object.entries(modelState as Record<string, unknown>)) {
      if (Array.isArray(messages)) parts.push(`${field}: ${messages.join(" ")}`);
    }
  }
  return parts.length ? parts.join(" ") : undefined;
}
