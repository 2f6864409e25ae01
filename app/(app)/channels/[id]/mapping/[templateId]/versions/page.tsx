/** A mapping template's versions page: every saved version, compared and restorable. */

import type { Metadata } from "next";
import Link from "next/link";
import { RestoreVersionButton } from "@/components/mapping/restore-version-button";
import { formatDateTime } from "@/components/runs/format";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/index";
import { listMappingSets } from "@/lib/mapping/set-queries";
import type { FieldMapping } from "@/lib/mapping/template";
import { diffTemplateBodies } from "@/lib/mapping/template-diff";
import { listTemplateVersions } from "@/lib/mapping/template-queries";
import { requireTemplatePage } from "@/lib/server/mapping-pages";

// A template's version history: each version with Open / Restore, and two versions side by side.

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Template versions" };

function summarise(fields: Record<string, FieldMapping>): string {
  const counts = new Map<string, number>();
  for (const mapping of Object.values(fields)) {
    if (mapping.mode === "none") continue;
    counts.set(mapping.mode, (counts.get(mapping.mode) ?? 0) + 1);
  }
  const labels: Record<string, string> = {
    field: "from fields",
    value: "fixed values",
    mapping_set: "mapping sets",
    rules: "rules",
    empty: "set to empty",
  };
  return [...counts].map(([mode, n]) => `${n} ${labels[mode] ?? mode}`).join(", ") || "nothing mapped";
}

const selectClass = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export default async function TemplateVersionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; templateId: string }>;
  searchParams: Promise<{ from?: string; to?: string; all?: string }>;
}) {
  const { id, templateId } = await params;
  const query = await searchParams;
  const { session, channel, template } = await requireTemplatePage(id, templateId);
  const db = await getDb();
  const versions = await listTemplateVersions(db, session.workspaceId, template.id);
  const editor = `/channels/${channel.id}/mapping/${template.id}`;
  // Compare: by default the previous version (left) with the latest (right).
  const byNumber = new Map(versions.map((v) => [String(v.version), v]));
  const right = byNumber.get(query.to ?? "") ?? versions[0];
  const left = byNumber.get(query.from ?? "") ?? versions[1] ?? versions[0];
  const showAll = query.all === "1";
  const setNames = new Map((await listMappingSets(db, session.workspaceId)).map((s) => [s.id, s.name]));
  const rows = left && right ? diffTemplateBodies(left.body, right.body, template.kind, setNames) : [];
  const changed = rows.filter((r) => r.changed).length;
  const shown = showAll ? rows : rows.filter((r) => r.changed);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={editor} className="text-brand-700 underline">
          ← {template.name}
        </Link>
      </p>
      <PageHeader
        title="Version history"
        description="Each save is a version. Runs and imported orders record the version they used. Restoring an older version saves it again as the newest; the history stays."
      />
      <ol className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {versions.map((v, i) => (
          <li key={v.id} className="flex flex-wrap items-center gap-4 px-4 py-3 text-sm">
            <span className="w-16 font-medium text-slate-900">v{v.version}</span>
            <span className="text-slate-600">{formatDateTime(v.createdAt)}</span>
            <span className="flex-1 text-slate-600">{summarise(v.body.fields ?? {})}</span>
            {i === 0 ? (
              <Link href={editor} className="text-brand-700 underline">
                Open (latest)
              </Link>
            ) : (
              <>
                <Link href={`${editor}?version=${v.id}`} className="text-brand-700 underline">
                  Open<span className="sr-only"> version {v.version}</span>
                </Link>
                <RestoreVersionButton templateId={template.id} versionId={v.id} version={v.version} />
              </>
            )}
          </li>
        ))}
      </ol>

      <section aria-labelledby="compare-heading" className="mt-8 space-y-4">
        <h2 id="compare-heading" className="text-lg font-semibold text-slate-900">
          Compare two versions
        </h2>
        {versions.length < 2 ? (
          <p className="text-sm text-slate-600">There is only one version so far: save a change to compare.</p>
        ) : (
          <>
            <form method="get" className="flex flex-wrap items-end gap-3 text-sm">
              <label className="space-y-1">
                <span className="block font-medium text-slate-800">Left</span>
                <select name="from" defaultValue={left?.version} className={selectClass}>
                  {versions.map((v) => (
                    <option key={v.id} value={v.version}>
                      v{v.version} · {formatDateTime(v.createdAt)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="space-y-1">
                <span className="block font-medium text-slate-800">Right</span>
                <select name="to" defaultValue={right?.version} className={selectClass}>
                  {versions.map((v) => (
                    <option key={v.id} value={v.version}>
                      v{v.version} · {formatDateTime(v.createdAt)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="flex items-center gap-2 pb-2">
                <input type="checkbox" name="all" value="1" defaultChecked={showAll} /> Show unchanged fields
              </label>
              <button type="submit" className={buttonClass("secondary")}>
                Compare
              </button>
            </form>
            <p className="text-sm text-slate-700" role="status">
              {changed === 0
                ? `v${left?.version} and v${right?.version} map every field the same way.`
                : `${changed} field${changed === 1 ? "" : "s"} differ between v${left?.version} and v${right?.version}.`}
            </p>
            {shown.length > 0 && (
              <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
                <table
                  className="w-full text-sm"
                  aria-label={`Differences between v${left?.version} and v${right?.version}`}
                >
                  <thead className="bg-slate-50 text-left text-slate-700">
                    <tr>
                      <th scope="col" className="w-1/4 px-3 py-2 font-medium">
                        Field
                      </th>
                      <th scope="col" className="px-3 py-2 font-medium">
                        v{left?.version}
                      </th>
                      <th scope="col" className="px-3 py-2 font-medium">
                        v{right?.version}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map((row) => (
                      <tr key={row.key} className="border-t border-slate-100 align-top" data-changed={row.changed}>
                        <th scope="row" className="px-3 py-2 text-left font-medium text-slate-900">
                          {row.label}
                          {row.changed && <span className="ml-2 text-xs font-normal text-amber-800">changed</span>}
                        </th>
                        <td className={`px-3 py-2 ${row.changed ? "bg-red-50 text-red-900" : "text-slate-700"}`}>
                          {row.left}
                        </td>
                        <td className={`px-3 py-2 ${row.changed ? "bg-green-50 text-green-900" : "text-slate-700"}`}>
                          {row.right}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </section>
    </>
  );
}
