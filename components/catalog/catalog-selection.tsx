"use client";

/** Row selection on the Catalog page: select rows or the whole page, then delete them after a confirmation. */

import { useRouter } from "next/navigation";
import { type ReactNode, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { deleteCatalogItemsAction } from "@/lib/server/actions/catalog-delete-actions";

const FORM_ID = "catalog-selection";

/**
 * Row selection on the Catalog page: the table's checkboxes (name "variantIds") sit in this form;
 * the bar above it selects the whole page and deletes what is selected, after a confirmation that
 * says what goes (the variants or their whole listings, with their links on every channel).
 */
export function CatalogSelection({ children }: { children: ReactNode }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [selected, setSelected] = useState(0);
  const [all, setAll] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [scope, setScope] = useState<"variants" | "listings">("variants");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);

  const boxes = () => Array.from(form.current?.querySelectorAll<HTMLInputElement>('input[name="variantIds"]') ?? []);
  const recount = () => {
    const list = boxes();
    const checked = list.filter((b) => b.checked).length;
    setSelected(checked);
    setAll(list.length > 0 && checked === list.length);
  };
  const selectAll = (checked: boolean) => {
    for (const box of boxes()) box.checked = checked;
    recount();
  };

  const remove = async () => {
    const variantIds = boxes()
      .filter((b) => b.checked)
      .map((b) => b.value);
    setBusy(true);
    setOutcome(null);
    const result = await deleteCatalogItemsAction({ variantIds, scope });
    setBusy(false);
    setConfirming(false);
    if (!result.ok) {
      setOutcome({ ok: false, message: result.fieldErrors?.variantIds ?? result.error });
      return;
    }
    const { variantsDeleted, listingsDeleted, linksDeleted } = result.data;
    setOutcome({
      ok: true,
      message: `Deleted ${variantsDeleted} variant${variantsDeleted === 1 ? "" : "s"}, ${listingsDeleted} listing${
        listingsDeleted === 1 ? "" : "s"
      } left empty, and ${linksDeleted} link${linksDeleted === 1 ? "" : "s"}.`,
    });
    selectAll(false);
    router.refresh();
  };

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label className="flex items-center gap-2">
          <input type="checkbox" onChange={(e) => selectAll(e.target.checked)} checked={all} />
          Select every row on this page
        </label>
        <span aria-live="polite" className="text-slate-700">
          {selected === 0 ? "No rows selected" : `${selected} selected`}
        </span>
        <Button variant="danger" disabled={selected === 0 || busy} onClick={() => setConfirming(true)}>
          Delete selected…
        </Button>
      </div>
      {confirming && (
        <section
          className="space-y-3 rounded-lg border border-red-200 bg-red-50 p-4 text-sm"
          aria-label="Confirm delete"
        >
          <fieldset className="space-y-1">
            <legend className="font-medium text-slate-900">
              Delete {selected} selected row{selected === 1 ? "" : "s"}:
            </legend>
            <label className="flex items-center gap-2">
              <input type="radio" name="scope" checked={scope === "variants"} onChange={() => setScope("variants")} />
              Only these variants (a listing left without variants goes too)
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="scope" checked={scope === "listings"} onChange={() => setScope("listings")} />
              Their whole listings, with every variant in them
            </label>
          </fieldset>
          <p className="text-slate-800">
            Their Link Listings links and link issues on every channel go too. Imported orders keep their lines. This
            cannot be undone; import the CSV again to bring them back.
          </p>
          <div className="flex flex-wrap gap-3">
            <Button variant="danger" onClick={remove} disabled={busy}>
              {busy ? "Deleting…" : "Yes, delete"}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)} disabled={busy}>
              Cancel
            </Button>
          </div>
        </section>
      )}
      <div aria-live="polite">
        {outcome && <Alert tone={outcome.ok ? "success" : "error"}>{outcome.message}</Alert>}
      </div>
      <form id={FORM_ID} ref={form} onChange={recount} onSubmit={(e) => e.preventDefault()}>
        {children}
      </form>
    </div>
  );
}
