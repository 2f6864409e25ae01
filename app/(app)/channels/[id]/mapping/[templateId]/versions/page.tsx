import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/runs/format";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/index";
import { listTemplateVersions } from "@/lib/mapping/template-queries";
import type { FieldMapping } from "@/lib/mapping/template";
import { requireTemplatePage } from "@/lib/server/mapping-pages";

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

export default async function TemplateVersionsPage({
  params,
}: {
  params: Promise<{ id: string; templateId: string }>;
}) {
  const { id, templateId } = await params;
  const { session, channel, template } = await requireTemplatePage(id, templateId);
  const versions = await listTemplateVersions(await getDb(), session.workspaceId, template.id);
  const editor = `/channels/${channel.id}/mapping/${template.id}`;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={editor} className="text-brand-700 underline">
          ← {template.name}
        </Link>
      </p>
      <PageHeader
        title="Version history"
        description="Each save is a version. Runs and imported orders record the version they used; open an older one to restore it as the next version."
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
              <Link href={`${editor}?version=${v.id}`} className="text-brand-700 underline">
                Open to restore<span className="sr-only"> version {v.version}</span>
              </Link>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
