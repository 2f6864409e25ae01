"use client";

/** LeaveWorkspaceButton: Settings' "Leave this workspace", confirmed first; shows the reason when refused. */
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { leaveWorkspaceAction } from "@/lib/server/actions/member-actions";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";

/** Settings' "Leave this workspace" (any role; the last owner is refused with the reason). */
export function LeaveWorkspaceButton({ workspaceName }: { workspaceName: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const leave = () => {
    if (!window.confirm(`Leave ${workspaceName}? You lose access at once; an owner or admin can invite you again.`))
      return;
    startTransition(async () => {
      setError(null);
      const result = await leaveWorkspaceAction();
      if (!result.ok) {
        setError(result.error);
        return;
      }
      router.push(result.data.redirectTo);
      router.refresh();
    });
  };
  return (
    <div className="mt-3 space-y-2">
      {error && <Alert tone="error">{error}</Alert>}
      <Button variant="secondary" onClick={leave} disabled={pending}>
        Leave this workspace
      </Button>
    </div>
  );
}
