/** The audit log's entries: when, who and from where, what (object and action), and the before → after diff. */

import Link from "next/link";
import { formatDateTime } from "@/components/runs/format";
import type { AuditChange } from "@/db/schema/audit";
import { AUDIT_OBJECT_LABELS, isAuditObjectType, SECRET_CHANGED } from "@/lib/audit/kinds";

export interface AuditEntryView {
  id: string;
  at: string;
  who: string;
  ip: string | null;
  userAgent: string | null;
  objectType: string;
  objectId: string;
  objectLabel: string;
  action: string;
  summary: string;
  changes: AuditChange[];
}

export function AuditTable({ entries }: { entries: AuditEntryView[] }) {
  if (entries.length === 0) return <p className="text-sm text-slate-600">No entries match these filters.</p>;
  return (
    <table className="w-full text-sm" aria-label="Audit log">
      <thead className="text-left text-slate-600">
        <tr>
          <th className="py-1 font-medium">When</th>
          <th className="py-1 font-medium">Who</th>
          <th className="py-1 font-medium">What</th>
          <th className="py-1 font-medium">Changes</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id} className="border-t border-slate-100 align-top">
            <td className="whitespace-nowrap py-2">{formatDateTime(e.at)}</td>
            <td className="py-2">
              <div>{e.who}</div>
              <div className="text-xs text-slate-600" title={e.userAgent ?? undefined}>
                {e.ip ?? "no address"}
              </div>
            </td>
            <td className="py-2">
              <div>
                <Link
                  className="text-brand-700 underline"
                  href={`/settings/audit?objectType=${encodeURIComponent(e.objectType)}&objectId=${encodeURIComponent(e.objectId)}`}
                >
                  {isAuditObjectType(e.objectType) ? AUDIT_OBJECT_LABELS[e.objectType] : e.objectType}
                  {e.objectLabel ? ` “${e.objectLabel}”` : ""}
                </Link>{" "}
                <span className="font-medium">{e.action.replaceAll("_", " ")}</span>
              </div>
              {e.summary && <div className="text-xs text-slate-600">{e.summary}</div>}
            </td>
            <td className="py-2">
              {e.changes.length > 0 && (
                <ul className="space-y-0.5">
                  {e.changes.map((c, i) => (
                    <li key={`${i}-${c.field}`}>
                      <span className="text-slate-600">{c.field}:</span>{" "}
                      {c.after === SECRET_CHANGED && c.before === null ? (
                        <em>changed</em>
                      ) : (
                        <>
                          <del className="text-red-700">{c.before ?? "(empty)"}</del> →{" "}
                          <ins className="text-green-800 no-underline">{c.after ?? "(empty)"}</ins>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
