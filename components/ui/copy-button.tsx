"use client";

/** A button that copies a text to the clipboard and says so. */

import { useState } from "react";
import { Button } from "./button";

/**
 * Copies `text` to the clipboard and says so ("Copied" in a live region). Where the clipboard is
 * not available (an insecure origin, a refused permission) it says to select and copy by hand.
 */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  };
  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="secondary" onClick={copy}>
        {label}
      </Button>
      <span aria-live="polite" className="text-sm">
        {state === "copied" ? "Copied" : state === "failed" ? "Could not copy: select the key and copy it." : ""}
      </span>
    </span>
  );
}
