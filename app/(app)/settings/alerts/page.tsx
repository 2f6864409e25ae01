/** Settings → Alerts page: the member's own alert choices for this workspace, and its latest alerts. */
import type { Metadata } from "next";
import Link from "next/link";
import { AlertPreferencesForm } from "@/components/alerts/alert-preferences-form";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/index";
import { alertWhere } from "@/lib/alerts/compose";
import { ALERT_KIND_INFO } from "@/lib/alerts/kinds";
import { listAlertPreferences } from "@/lib/alerts/preferences";
import { listRecentAlerts } from "@/lib/alerts/raise";
import { OPERATION_LABELS } from "@/lib/channels/settings";
import { requirePageCapability } from "@/lib/server/session";

export const metadata: Metadata = { title: "Alerts" };
export const dynamic = "force-dynamic";

/** Settings → Alerts: every member's own choices for this workspace, and its latest alerts. */
export default async function AlertsPage() {
  const session = await requirePageCapability("account.self");
  const db = await getDb();
  const [preferences, recent] = await Promise.all([
    listAlertPreferences(db, session.workspaceId, session.userId, session.role),
    listRecentAlerts(db, session.workspaceId, 20),
  ]);
  const labels: Record<string, string> = OPERATION_LABELS;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Alerts"
        description={`How you (${session.email}) hear of problems in this workspace. The hourly digest groups the alerts of the hour in one mail.`}
      />
      <section className="rounded-lg border border-slate-200 bg-white p-6">
        <AlertPreferencesForm initial={preferences} />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 className="text-base font-semibold">Latest alerts in this workspace</h2>
        {recent.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">None yet.</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100 text-sm">
            {recent.map((alert) => {
              const where = alertWhere(alert, alert.operation ? labels[alert.operation] : undefined);
              return (
                <li key={alert.id} className="py-3">
                  <p>
                    <span className="text-slate-600">{ALERT_KIND_INFO[alert.kind]?.label ?? alert.kind} · </span>
                    <Link href={alert.linkPath} className="font-medium text-brand-700 underline">
                      {alert.title}
                    </Link>
                  </p>
                  <p className="text-slate-600">
                    <time dateTime={alert.createdAt.toISOString()}>
                      {alert.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC
                    </time>
                    {where ? ` · ${where}` : ""}
                  </p>
                  <p className="mt-1">{alert.action}</p>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
