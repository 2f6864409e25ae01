/**
 * A channel's mapping templates page (/channels/<id>/mapping): Get Orders and Sync Orders
 * templates and their actions.
 */

import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/runs/format";
import { CreateTemplateForm, TemplateRowActions } from "@/components/mapping/template-actions";
import { RunNowButton } from "@/components/runs/run-now-button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/index";
import type { TemplateKind } from "@/db/schema/mapping";
import { defaultTemplateName } from "@/lib/mapping/default-template";
import { listTemplates } from "@/lib/mapping/template-queries";
import { requireChannelPage } from "@/lib/server/channel-pages";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Mapping templates" };

const KIND_LABELS: Record<TemplateKind, string> = { get_orders: "Get Orders", sync_orders: "Sync Orders" };

export default async function MappingTemplatesPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ kind?: string }>;
}) {
  const { id } = await params;
  const kind: TemplateKind = (await searchParams).kind === "sync_orders" ? "sync_orders" : "get_orders";
  const { session, channel } = await requireChannelPage(id);
  const templates = await listTemplates(await getDb(), session.workspaceId, { channelId: channel.id, kind });
  const taken = new Set(templates.map((t) => t.name));
  let suggested =
    templates.length === 0 ? defaultTemplateName(channel.name) : `${channel.name} – template ${templates.length + 1}`;
  for (let n = 2; taken.has(suggested); n++) suggested = `${channel.name} – template ${templates.length + n}`;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/channels/${channel.id}`} className="text-brand-700 underline">
          ← {channel.name}
        </Link>
      </p>
      <PageHeader
        title="Mapping templates"
        description={
          kind === "sync_orders"
            ? "How Conduit shipments become SellerCloud shipping updates. The active template is the one Sync Orders uses; every save is kept as a version."
            : "How SellerCloud orders become Conduit orders. The active template is the one Get Orders uses; every save is kept as a version."
        }
        actions={
          channel.status === "draft" ? undefined : (
            <RunNowButton channelId={channel.id} operation={kind} label={`Run ${KIND_LABELS[kind]}`} allowDryRun />
          )
        }
      />
      <nav aria-label="Template kind" className="mb-4 flex gap-1 border-b border-slate-200">
        {(Object.keys(KIND_LABELS) as TemplateKind[]).map((k) => (
          <Link
            key={k}
            href={`/channels/${channel.id}/mapping${k === "get_orders" ? "" : `?kind=${k}`}`}
            aria-current={k === kind ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${k === kind ? "border-brand-600 text-brand-800" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {KIND_LABELS[k]}
          </Link>
        ))}
      </nav>
      <div className="space-y-6">
        {templates.length === 0 && kind === "sync_orders" ? (
          <EmptyState title="No Sync Orders template yet">
            Sync Orders sends each shipment’s tracking numbers, carrier and service (translated by the channel’s
            shipping mappings) to SellerCloud, which marks the order Fully Shipped. That needs no template. Create one
            to change what is sent: the recommended template starts from exactly that, and you can set any field to a
            value, a mapping set or rules.
          </EmptyState>
        ) : templates.length === 0 ? (
          <EmptyState title="No Get Orders template yet">
            Start from the recommended template: it maps every Conduit order field from its natural SellerCloud field,
            and you can change any of them. The first Get Orders run creates it too if you skip this.
          </EmptyState>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">
                {KIND_LABELS[kind]} templates of {channel.name}
              </caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-600">
                <tr>
                  <th className="px-4 py-2">Template</th>
                  <th className="px-4 py-2">Version</th>
                  <th className="px-4 py-2">Last saved</th>
                  <th className="px-4 py-2 text-right">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {templates.map((t) => (
                  <tr key={t.id} className="border-b border-slate-100 align-top">
                    <td className="px-4 py-3">
                      <Link
                        href={`/channels/${channel.id}/mapping/${t.id}`}
                        className="font-medium text-brand-700 underline"
                      >
                        {t.name}
                      </Link>
                      {t.isActive && (
                        <span className="ml-2 inline-flex rounded-full bg-green-100 px-2 py-0.5 text-xs font-medium text-green-800">
                          Active
                        </span>
                      )}
                    </td>
                    <td className="px-4 py-3">
                      <Link
                        href={`/channels/${channel.id}/mapping/${t.id}/versions`}
                        className="text-brand-700 underline"
                      >
                        v{t.latestVersion}
                        <span className="sr-only"> – version history of {t.name}</span>
                      </Link>
                    </td>
                    <td className="px-4 py-3 text-slate-600">{formatDateTime(t.updatedAt)}</td>
                    <td className="px-4 py-3">
                      <TemplateRowActions
                        channelId={channel.id}
                        templateId={t.id}
                        name={t.name}
                        isActive={t.isActive}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-2 text-sm font-semibold text-slate-900">New template</h2>
          <CreateTemplateForm channelId={channel.id} defaultName={suggested} kind={kind} />
        </section>
      </div>
    </>
  );
}
