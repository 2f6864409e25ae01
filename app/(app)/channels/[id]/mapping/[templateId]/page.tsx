/** A mapping template's editor page (/channels/<id>/mapping/<templateId>). */

import type { Metadata } from "next";
import Link from "next/link";
import { RenameTemplateForm } from "@/components/mapping/template-actions";
import { TemplateEditor } from "@/components/mapping/template-editor";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/index";
import { listMappingSets } from "@/lib/mapping/set-queries";
import { getLatestVersion, getTemplateVersion } from "@/lib/mapping/template-queries";
import { SYNC_SOURCE_TREE, SYNC_TARGET_FIELDS } from "@/lib/mapping/sync-targets";
import { templateBodySchema } from "@/lib/mapping/template";
import { orNotFound, requireTemplatePage } from "@/lib/server/mapping-pages";
import { isUuid } from "@/lib/server/route-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit mapping template" };

export default async function TemplateEditorPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; templateId: string }>;
  searchParams: Promise<{ version?: string }>;
}) {
  const { id, templateId } = await params;
  const { version: versionId } = await searchParams;
  const { session, channel, template } = await requireTemplatePage(id, templateId);
  const db = await getDb();
  const latest = await getLatestVersion(db, session.workspaceId, template.id);
  // ?version= opens an older version to restore it; it must belong to this template.
  let base = latest;
  if (versionId && isUuid(versionId)) {
    const older = await orNotFound(() => getTemplateVersion(db, session.workspaceId, versionId));
    if (older.templateId === template.id) base = older;
  }
  const body = templateBodySchema.safeParse(base.body);
  const sets = await listMappingSets(db, session.workspaceId);
  const isSync = template.kind === "sync_orders";
  const operation = isSync ? "Sync Orders" : "Get Orders";

  return (
    <>
      <p className="mb-2 text-sm">
        <Link
          href={`/channels/${channel.id}/mapping${isSync ? "?kind=sync_orders" : ""}`}
          className="text-brand-700 underline"
        >
          ← Mapping templates of {channel.name}
        </Link>
      </p>
      <PageHeader
        title={template.name}
        description={
          <>
            {operation} template · version {base.version}
            {template.isActive
              ? ` · active: ${isSync ? "Sync Orders sends shipments with it" : "Get Orders imports with it"}`
              : " · not active"}{" "}
            ·{" "}
            <Link href={`/channels/${channel.id}/mapping/${template.id}/versions`} className="text-brand-700 underline">
              Version history
            </Link>{" "}
            ·{" "}
            <Link href="/settings/mapping-sets" className="text-brand-700 underline">
              Mapping sets
            </Link>
          </>
        }
        actions={<RenameTemplateForm templateId={template.id} name={template.name} />}
      />
      {body.success ? (
        <TemplateEditor
          channelId={channel.id}
          templateId={template.id}
          initialBody={body.data}
          baseVersion={base.version}
          latestVersion={latest.version}
          initialSets={sets.map((s) => ({ id: s.id, name: s.name, entries: s.entries }))}
          kind={template.kind}
          targets={isSync ? SYNC_TARGET_FIELDS : undefined}
          sourceTree={isSync ? SYNC_SOURCE_TREE : undefined}
        />
      ) : (
        <Alert tone="error" title="This version cannot be opened">
          Its stored body is not a template this version of Conduit understands. Open another version from the history.
        </Alert>
      )}
    </>
  );
}
