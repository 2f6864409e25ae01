/**
 * The sandbox's refusals: `SandboxError` carries the HTTP status and SellerCloud-shaped body the
 * router answers with; `badRequest` builds SellerCloud's 400 (a `Message`, or ASP.NET's
 * `ModelState` of field errors).
 */
import type { Json } from "./wire-format";

export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(typeof body === "object" && body && "Message" in body ? String((body as Json).Message) : `HTTP ${status}`);
  }
}

export const badRequest = (message: string, modelState?: Record<string, string[]>) =>
  new SandboxError(
    400,
    modelState ? { Message: "The request is invalid.", ModelState: modelState } : { Message: message },
  );
