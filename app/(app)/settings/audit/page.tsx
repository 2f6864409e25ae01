/** Settings → Audit log (/settings/audit): who changed what, when and from where; filters and CSV export. */

import type { Metadata } from "next";
import Link from "next/link";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/index";
import { readAuditFilter } from "@/lib/audit/filters";
import { listAuditActors, listAuditEntries } from "@/lib/audit/queries";
import { requirePageCapability } from "@/lib/server/session";

export const metadata: Metadata = { title: "Audit log" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditLogPage({ searchParams }: { searchParams: SearchParams }) {
  const session = await requirePageCapability("audit.read");
  const params = await searchParams;
  const { filter, problems } = readAuditFilter(params);
  const afterAt = typeof params.afterAt === "string" ? params.afterAt : undefined;
  const afterId = typeof params.afterId === "string" ? params.afterId : undefined;
  const after =
    afterAt && afterId && !Number.isNaN(Date.parse(afterAt)) && /^[0-9a-f-]{36}$/i.test(afterId)
      ? { at: afterAt, id: afterId }
      : undefined;
  const db = await getDb();
  const [page, actors] = await Promise.all([
    listAuditEntries(db, session.workspaceId, filter, { limit: 50, after }),
    listAuditActors(db, session.workspaceId),
  ]);
  const query = new URLSearchParams(
    Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
  const nextQuery = page.next
    ? new URLSearchParams([...query, ["afterAt", page.next.at], ["afterId", page.next.id]])
    : null;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Audit log"
        description="Every change to channels, connections, templates, mapping sets, schedules, shipping mappings, members, API keys and webhooks, and every run a person started. Entries cannot be edited or deleted."
      />
      <AuditFilters actors={actors} filter={filter} />
      {problems.length > 0 && <Alert tone="warning">Some filters were ignored: {problems.join("; ")}</Alert>}
      <p className="text-sm">
        <a className="font-medium text-brand-700 underline" href={`/api/audit/export?${query.toString()}`}>
          Export CSV
        </a>{" "}
        <span className="text-slate-600">(these filters, newest first)</span>
      </p>
      <AuditTable
        entries={page.entries.map((e) => ({
          id: e.id,
          at: e.at.toISOString(),
          who: e.actorLabel,
          ip: e.ip,
          userAgent: e.userAgent,
          objectType: e.objectType,
          objectId: e.objectId,
          objectLabel: e.objectLabel,
          action: e.action,
          summary: e.summary,
          changes: e.changes,
        }))}
      />
      {nextQuery && (
        <p className="text-sm">
          <Link className="font-medium text-brand-700 underline" href={`/settings/audit?${nextQuery.toString()}`}>
            Older entries
          </Link>
        </p>
      )}
    </div>
  );
}
