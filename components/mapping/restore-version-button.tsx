"use client";

/** The template history's "Restore as new version" button. */

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { restoreTemplateVersionAction } from "@/lib/server/actions/template-version-actions";

/** "Restore as new version": saves an older version's body as the template's next version. */
export function RestoreVersionButton({
  templateId,
  versionId,
  version,
}: {
  templateId: string;
  versionId: string;
  version: number;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const restore = async () => {
    setBusy(true);
    setMessage(null);
    const result = await restoreTemplateVersionAction({ templateId, versionId });
    setBusy(false);
    if (result.ok) {
      setMessage({ ok: true, text: `Restored as v${result.data.version}.` });
      router.refresh();
    } else setMessage({ ok: false, text: result.error });
  };
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button
        variant="secondary"
        onClick={restore}
        disabled={busy}
        aria-label={`Restore version ${version} as new version`}
      >
        {busy ? "Restoring…" : "Restore as new version"}
      </Button>
      <span aria-live="polite" className={`text-sm ${message?.ok === false ? "text-red-700" : "text-slate-700"}`}>
        {message?.text ?? ""}
      </span>
    </span>
  );
}
