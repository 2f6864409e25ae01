"use client";

/** The links under a run's title: the orders a Get Orders run touched, the template version a run used. */

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { RunDetailJson } from "./types";

/**
 * Under a run's title: for Get Orders, the orders it imported or updated; for a run that used a
 * mapping template, which version (issue 14 §16). Reads the run the page polls (LiveRun's query),
 * so the version appears as soon as the run has pinned it, not only after a reload.
 */
export function RunLinks({ initial }: { initial: RunDetailJson }) {
  const { data } = useQuery<RunDetailJson>({
    queryKey: ["run", initial.run.id],
    queryFn: async () => (await fetch(`/api/runs/${initial.run.id}`, { cache: "no-store" })).json(),
    initialData: initial,
    enabled: false,
  });
  const { run, templateVersion } = data ?? initial;
  const ordersLink = run.operation === "get_orders" && !run.dryRun;
  if (!ordersLink && !templateVersion) return null;
  return (
    <p className="mb-4 flex flex-wrap gap-x-4 gap-y-1 text-sm" data-testid="run-links">
      {ordersLink && (
        <Link href={`/orders?run=${run.id}`} className="font-medium text-brand-700 underline">
          See the orders this run imported or updated
        </Link>
      )}
      {templateVersion && (
        <span className="text-slate-700">
          Mapping template:{" "}
          <Link
            href={`/channels/${run.channelId}/mapping/${templateVersion.templateId}/versions`}
            className="text-brand-700 underline"
          >
            {templateVersion.templateName}, version {templateVersion.version}
          </Link>
        </span>
      )}
    </p>
  );
}
