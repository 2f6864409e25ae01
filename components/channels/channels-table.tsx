/** The Channels page's table: each channel's status, enabled operations and last run. */

import Link from "next/link";
import type { ChannelListItem } from "@/lib/channels/channels";
import { OPERATION_LABELS } from "@/lib/channels/settings";
import { StatusBadge } from "./status-badge";

const RUN_LABELS: Record<string, string> = {
  queued: "Queued",
  running: "Running",
  succeeded: "Succeeded",
  partially_failed: "Partly failed",
  failed: "Failed",
  canceled: "Canceled",
};

const when = (iso: string) => `${iso.replace("T", " ").slice(0, 16)} UTC`;

/** The Channels page: the workspace's channels, their status, enabled operations and each one's last run. */
export function ChannelsTable({ channels }: { channels: ChannelListItem[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Sales channels</caption>
        <thead className="bg-slate-50 text-left text-slate-700">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              Channel
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Status
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Operations and last run
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {channels.map((c) => {
            const enabled = c.operations.filter((o) => o.enabled);
            return (
              <tr key={c.id} className="border-t border-slate-100 align-top" data-testid="channel-row">
                <th scope="row" className="px-4 py-3 text-left font-medium">
                  <Link href={`/channels/${c.id}`} className="text-brand-700 underline">
                    {c.name}
                  </Link>
                  <span className="block text-xs font-normal text-slate-600">
                    SellerCloud{c.connectionName ? ` · ${c.connectionName}` : ""}
                  </span>
                </th>
                <td className="px-4 py-3">
                  <StatusBadge status={c.status} />
                </td>
                <td className="px-4 py-3">
                  {enabled.length === 0 ? (
                    <span className="text-slate-600">None enabled yet</span>
                  ) : (
                    <ul className="space-y-1">
                      {enabled.map((o) => (
                        <li key={o.operation}>
                          <span className="font-medium text-slate-900">{OPERATION_LABELS[o.operation]}</span>
                          <span className="text-slate-600"> · {o.scheduleText}</span>
                          <span className="block text-xs text-slate-600">
                            Last run:{" "}
                            {o.lastRun ? (
                              <Link href={`/runs/${o.lastRun.id}`} className="text-brand-700 underline">
                                {RUN_LABELS[o.lastRun.status] ?? o.lastRun.status},{" "}
                                {when(o.lastRun.finishedAt ?? o.lastRun.queuedAt)}
                              </Link>
                            ) : (
                              "never"
                            )}
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td className="px-4 py-3 text-right">
                  <Link
                    href={c.status === "draft" ? `/channels/${c.id}/setup` : `/channels/${c.id}`}
                    className="font-medium text-brand-700 underline"
                  >
                    {c.status === "draft" ? "Continue setup" : "Settings"}
                    <span className="sr-only"> for {c.name}</span>
                  </Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
