"use client";

/** The header's workspace switcher: the current workspace, the user's role, and a switch to another. */

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ROLE_LABELS, type Role } from "@/lib/members/permissions";
import { switchWorkspaceAction } from "@/lib/server/actions/member-actions";

export interface WorkspaceOption {
  workspaceId: string;
  name: string;
  role: Role;
}

/**
 * The header's workspace switcher: the current workspace and the user's role there; with more
 * than one workspace, a select that switches on the server (membership checked) and opens the new
 * workspace's Channels page.
 */
export function WorkspaceSwitcher({ current, options }: { current: string; options: WorkspaceOption[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const active = options.find((o) => o.workspaceId === current);
  if (options.length <= 1) {
    return (
      <span className="text-slate-700" data-testid="current-workspace">
        {active?.name ?? "Workspace"}
        {active && <span className="ml-1 text-xs text-slate-500">({ROLE_LABELS[active.role]})</span>}
      </span>
    );
  }
  const change = (workspaceId: string) =>
    startTransition(async () => {
      setError(null);
      const result = await switchWorkspaceAction({ workspaceId });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      router.push(result.data.redirectTo);
      router.refresh();
    });
  return (
    <span className="inline-flex items-center gap-2">
      <label htmlFor="workspace-switcher" className="sr-only">
        Workspace
      </label>
      <select
        id="workspace-switcher"
        value={current}
        disabled={pending}
        onChange={(e) => change(e.target.value)}
        className="max-w-56 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
      >
        {options.map((o) => (
          <option key={o.workspaceId} value={o.workspaceId}>
            {o.name} ({ROLE_LABELS[o.role]})
          </option>
        ))}
      </select>
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
