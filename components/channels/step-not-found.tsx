"use client";

/** What a wizard or settings step address that leads nowhere shows: what is wrong, with links back. */

import Link from "next/link";
import { useParams } from "next/navigation";
import { isStepId, STEP_IDS, STEP_TEXT } from "@/lib/channels/step-ids";
import { EmptyState } from "../ui/empty-state";

/**
 * A wizard or settings step address that leads nowhere (/channels/<id>/setup/nope, or a channel
 * that is not the workspace's): says which, and links back to the channel and its steps, instead
 * of a bare "This page could not be found" (issue 14 §14). The segment's not-found.tsx files show it.
 */
export function StepNotFound({ base }: { base: "setup" | "settings" }) {
  const params = useParams<{ id: string; step: string }>();
  const step = decodeURIComponent(params.step ?? "");
  const channelHref = `/channels/${params.id}`;
  if (isStepId(step)) {
    return (
      <EmptyState
        title="That channel was not found"
        action={
          <Link href="/channels" className="font-medium text-brand-700 underline">
            Go to your sales channels
          </Link>
        }
      >
        <p>It may have been deleted, or it belongs to another workspace.</p>
      </EmptyState>
    );
  }
  return (
    <EmptyState
      title={`There is no step called “${step.slice(0, 60)}”`}
      action={
        <Link href={channelHref} className="font-medium text-brand-700 underline">
          Back to the channel
        </Link>
      }
    >
      <p>The channel's {base === "setup" ? "setup" : "settings"} steps are:</p>
      <ul className="mt-2 flex flex-wrap justify-center gap-x-3 gap-y-1">
        {STEP_IDS.filter((id) => base === "setup" || id !== "review").map((id) => (
          <li key={id}>
            <Link href={`${channelHref}/${base}/${id}`} className="text-brand-700 underline">
              {STEP_TEXT[id].title}
            </Link>
          </li>
        ))}
      </ul>
    </EmptyState>
  );
}
