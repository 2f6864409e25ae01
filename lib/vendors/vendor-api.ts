/**
 * The vendor API's logic (routes under app/api/vendor/), free of Next.js: a vendor key reads its
 * own requests as JSON or CSV and answers their lines. Every call is scoped to the key's vendor;
 * another vendor's request is FORBIDDEN, an id outside the workspace NOT_FOUND.
 */

import { and, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { fulfillmentRequests, type RequestState, vendors } from "@/db/schema/vendors";
import { AppError } from "@/lib/errors";
import { verifyVendorApiKey } from "./api-keys";
import { loadRequestDocuments, type RequestDocument, requestsCsv } from "./documents";
import { answerRequestLines, markPulled, OPEN_REQUEST_STATES } from "./requests";
import { vendorLineAnswerSchema } from "./schemas";

const STATE_FILTERS: Record<string, readonly RequestState[]> = {
  open: OPEN_REQUEST_STATES,
  canceled: ["canceled"],
  all: ["pending", "delivered", "acknowledged", "rejected", "shipped", "canceled"],
};

export const listQuerySchema = z.object({
  state: z.enum(["open", "canceled", "all"], { message: "state is open, canceled or all" }).default("open"),
  limit: z.coerce.number().int().min(1).max(500, "At most 500").default(200),
});

/** At most 500 newest-first requests of the key's vendor in a state group. */
async function listFor(db: Db, authorization: string | null, query: Record<string, string | undefined>, now: Date) {
  const key = await verifyVendorApiKey(db, authorization, now);
  const parsed = listQuerySchema.safeParse(query);
  if (!parsed.success) throw new AppError("VALIDATION", parsed.error.issues[0]?.message ?? "Check the query.");
  const rows = await db
    .select({ id: fulfillmentRequests.id, state: fulfillmentRequests.state, method: vendors.deliveryMethod })
    .from(fulfillmentRequests)
    .innerJoin(vendors, eq(vendors.id, fulfillmentRequests.vendorId))
    .where(
      and(
        eq(fulfillmentRequests.workspaceId, key.workspaceId),
        eq(fulfillmentRequests.vendorId, key.vendorId),
        inArray(fulfillmentRequests.state, [...STATE_FILTERS[parsed.data.state]!]),
      ),
    )
    .orderBy(desc(fulfillmentRequests.createdAt))
    .limit(parsed.data.limit);
  // A pull vendor that reads its pending requests has them: they count as delivered.
  const pulled = rows.filter((r) => r.state === "pending" && r.method === "pull").map((r) => r.id);
  await markPulled(db, key, pulled, now);
  const documents = await loadRequestDocuments(
    db,
    key.workspaceId,
    rows.map((r) => r.id),
  );
  const moved = new Set(pulled);
  return documents.map((d) => (moved.has(d.id) ? { ...d, state: "delivered" as const } : d));
}

/** GET /api/vendor/requests: `{ requests: RequestDocument[] }`. Errors: UNAUTHENTICATED, VALIDATION. */
export async function listVendorRequests(
  db: Db,
  request: { authorization: string | null; query: Record<string, string | undefined>; now?: Date },
): Promise<{ requests: RequestDocument[] }> {
  return { requests: await listFor(db, request.authorization, request.query, request.now ?? new Date()) };
}

/** GET /api/vendor/requests.csv: one row per line (lib/vendors/documents.ts REQUEST_CSV_COLUMNS). */
export async function vendorRequestsCsv(
  db: Db,
  request: { authorization: string | null; query: Record<string, string | undefined>; now?: Date },
): Promise<string> {
  return requestsCsv(await listFor(db, request.authorization, request.query, request.now ?? new Date()));
}

/**
 * POST /api/vendor/requests/{id}/acknowledge or /reject with `{ lines?: orderItemId[], reason? }`.
 * Errors: UNAUTHENTICATED, NOT_FOUND, FORBIDDEN (another vendor's request), CONFLICT, VALIDATION.
 */
export async function answerVendorRequest(
  db: Db,
  request: {
    authorization: string | null;
    requestId: string;
    kind: "acknowledge" | "reject";
    body: unknown;
    now?: Date;
  },
): Promise<{ request: RequestDocument }> {
  const key = await verifyVendorApiKey(db, request.authorization, request.now);
  if (!z.uuid().safeParse(request.requestId).success) throw new AppError("NOT_FOUND", "That request was not found.");
  const parsed = vendorLineAnswerSchema.safeParse(request.body ?? {});
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".") || "_body"] ??= issue.message;
    throw new AppError("VALIDATION", "The answer has fields that need attention.", { fieldErrors });
  }
  await answerRequestLines(db, key, request.requestId, { kind: request.kind, ...parsed.data }, request.now);
  const [document] = await loadRequestDocuments(db, key.workspaceId, [request.requestId]);
  return { request: document! };
}
