"use client";

/** The button that loads the demo catalog (matching the built-in sandbox) and says what it did. */

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useCan } from "@/components/shell/role-context";
import { loadDemoCatalogAction } from "@/lib/server/actions/catalog-actions";
import { Button } from "../ui/button";
import { formatCount } from "./format";

/** Loads the demo catalog (it matches the built-in SellerCloud sandbox) and shows what it did. */
export function LoadDemoButton({ variant = "secondary" }: { variant?: "primary" | "secondary" }) {
  const allowed = useCan("catalog.edit");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "error" | "ok"; text: string } | null>(null);
  const load = () =>
    startTransition(async () => {
      setMessage(null);
      const result = await loadDemoCatalogAction({});
      if (!result.ok) {
        setMessage({ tone: "error", text: result.error });
        return;
      }
      const r = result.data;
      setMessage({
        tone: "ok",
        text: `Demo catalog loaded: ${formatCount(r.created)} new, ${formatCount(r.updated)} updated, ${formatCount(r.unchanged)} unchanged.`,
      });
      router.refresh();
    });
  // The role cannot use it (the server refuses it too): not offered.
  if (!allowed) return null;
  return (
    <div className="flex flex-col items-center gap-2">
      <Button variant={variant} onClick={load} disabled={pending} aria-busy={pending}>
        {pending ? "Loading the demo catalog…" : "Load the demo catalog"}
      </Button>
      {message && (
        <p
          role={message.tone === "error" ? "alert" : "status"}
          className={`text-sm ${message.tone === "error" ? "text-red-700" : "text-green-800"}`}
        >
          {message.text}
        </p>
      )}
    </div>
  );
}
