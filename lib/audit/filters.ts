/**
 * The Audit log page's filters, read from its query string (person, object kind, object id, date
 * range in UTC days). Shared by the page, its CSV export route and lib/audit/queries.ts; no
 * server-only imports.
 */
import { z } from "zod";
import { AUDIT_OBJECT_TYPES } from "./kinds";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-11-30")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "Use a real date");

export const auditFilterSchema = z.object({
  /** The actor as shown (an email, or "API key cdt_…"). */
  who: z.string().trim().max(320).optional(),
  objectType: z.enum(AUDIT_OBJECT_TYPES).optional(),
  objectId: z.string().trim().max(200).optional(),
  /** First day included (UTC). */
  from: day.optional(),
  /** Last day included (UTC). */
  to: day.optional(),
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;

/**
 * The filter from a query string's values; blank or invalid values are dropped (a hand-edited URL
 * shows the unfiltered log, never an error page). Returns the problems for the page to show.
 */
export function readAuditFilter(params: Record<string, string | string[] | undefined>): {
  filter: AuditFilter;
  problems: string[];
} {
  const filter: AuditFilter = {};
  const problems: string[] = [];
  for (const key of Object.keys(auditFilterSchema.shape) as (keyof AuditFilter)[]) {
    const raw = params[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (!value?.trim()) continue;
    const parsed = auditFilterSchema.shape[key].safeParse(value);
    if (parsed.success) (filter as Record<string, unknown>)[key] = parsed.data;
    else problems.push(`${key}: ${parsed.error.issues[0]?.message ?? "not understood"}`);
  }
  return { filter, problems };
}
