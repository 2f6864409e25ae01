"use client";

/** Archive (or restore) a vendor: routing rules naming an archived vendor stop matching; its requests and keys stay. */

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { archiveVendorAction } from "@/lib/server/actions/vendor-actions";

export function ArchiveVendorButton({ vendorId, archived }: { vendorId: string; archived: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() => {
          if (!archived && !window.confirm("Archive this vendor? Routing rules naming it stop matching.")) return;
          startTransition(async () => {
            const result = await archiveVendorAction({ vendorId, archived: !archived });
            setError(result.ok ? null : result.error);
            router.refresh();
          });
        }}
      >
        {archived ? "Restore vendor" : "Archive vendor"}
      </Button>
      {error && (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
