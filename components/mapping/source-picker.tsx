"use client";

/** The template editor's source field picker: a searchable tree of SellerCloud or Conduit fields. */

import { useEffect, useId, useMemo, useRef, useState } from "react";
import type { SourceField } from "@/lib/mapping/source-fields";
import { useSourceCatalog } from "./source-catalog-context";

/**
 * Picks a SellerCloud field: a button that opens a search box (combobox) over the field tree,
 * grouped by where the field sits (Order, Shipping Address, Order item…), best match first. Arrow keys move,
 * Enter picks, Escape closes. Field names are never typed free-hand.
 */
export function SourcePicker({
  value,
  onChange,
  forItemTarget,
  label,
  invalid,
}: {
  value: string;
  onChange: (path: string) => void;
  forItemTarget: boolean;
  /** Accessible name, e.g. "SellerCloud field for Shipping address › City". */
  label: string;
  invalid?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const { catalog, sourceName } = useSourceCatalog();
  const current = value ? catalog.find(value) : undefined;

  const results = useMemo(() => catalog.search(query, { forItemTarget }), [catalog, query, forItemTarget]);
  const groups = useMemo(() => {
    const out: Array<{ name: string; fields: Array<{ field: SourceField; index: number }> }> = [];
    results.forEach((field, index) => {
      const name = field.breadcrumb.split(" › ").slice(0, -1).join(" › ") || "Order";
      let group = out.at(-1);
      if (!group || group.name !== name) {
        group = { name, fields: [] };
        out.push(group);
      }
      group.fields.push({ field, index });
    });
    return out;
  }, [results]);

  useEffect(() => {
    if (open) inputRef.current?.focus();
  }, [open]);
  useEffect(() => {
    if (!open) return;
    listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: "nearest" });
  }, [active, open]);

  const close = (refocus = true) => {
    setOpen(false);
    setQuery("");
    if (refocus) buttonRef.current?.focus();
  };
  const pick = (field: SourceField | undefined) => {
    if (!field) return;
    onChange(field.path);
    close();
  };
  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setActive((a) => Math.min(a + 1, results.length - 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (event.key === "Home") {
      event.preventDefault();
      setActive(0);
    } else if (event.key === "End") {
      event.preventDefault();
      setActive(results.length - 1);
    } else if (event.key === "Enter") {
      event.preventDefault();
      pick(results[active]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  };

  return (
    <div className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-label={`${label}: ${current ? current.breadcrumb : "not chosen"}`}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-invalid={invalid || undefined}
        onClick={() => {
          setActive(0);
          setOpen((o) => !o);
        }}
        className={`flex w-full min-w-48 items-center justify-between gap-2 rounded-md border bg-white px-3 py-2 text-left text-sm shadow-sm hover:bg-slate-50 ${invalid ? "border-red-500" : "border-slate-300"}`}
      >
        <span className={current ? "text-slate-900" : "text-slate-600"}>
          {current ? current.breadcrumb : value ? `Unknown field "${value}"` : `Choose a ${sourceName} field`}
        </span>
        <span aria-hidden="true" className="text-slate-600">
          ▾
        </span>
      </button>
      {open && (
        <div
          role="dialog"
          aria-label={label}
          className="absolute z-20 mt-1 w-[min(28rem,90vw)] rounded-md border border-slate-300 bg-white p-2 shadow-lg"
          onBlur={(event) => {
            const next = event.relatedTarget as Node | null;
            // Focus moving to the trigger is its own click (which toggles); anywhere else closes.
            if (!event.currentTarget.contains(next) && next !== buttonRef.current) close(false);
          }}
        >
          <input
            ref={inputRef}
            role="combobox"
            aria-label={`Search ${sourceName} fields`}
            aria-expanded="true"
            aria-controls={`${id}-list`}
            aria-autocomplete="list"
            aria-activedescendant={results[active] ? `${id}-opt-${active}` : undefined}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
            placeholder="Search, e.g. shipping city"
            className="mb-2 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
          <div
            ref={listRef}
            id={`${id}-list`}
            role="listbox"
            aria-label={`${sourceName} fields`}
            className="max-h-72 overflow-y-auto"
          >
            {results.length === 0 && (
              <p className="px-2 py-3 text-sm text-slate-600">
                No {sourceName} field matches “{query}”.
              </p>
            )}
            {groups.map((group, groupIndex) => (
              // Best matches come first, so one place in the tree may head more than one group.
              // biome-ignore lint/a11y/useSemanticElements: ARIA listbox groups are role="group", not fieldsets
              <div key={`${groupIndex}-${group.name}`} role="group" aria-label={group.name}>
                <p className="sticky top-0 bg-white px-2 pt-2 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">
                  {group.name}
                </p>
                {group.fields.map(({ field, index }) => (
                  <div
                    key={field.path}
                    id={`${id}-opt-${index}`}
                    data-index={index}
                    role="option"
                    tabIndex={-1}
                    aria-selected={index === active}
                    onMouseEnter={() => setActive(index)}
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => pick(field)}
                    onKeyDown={() => undefined}
                    className={`flex cursor-pointer items-center justify-between rounded px-2 py-1.5 text-sm ${index === active ? "bg-brand-50 text-brand-800" : "text-slate-800"} ${field.path === value ? "font-semibold" : ""}`}
                  >
                    <span>{field.label}</span>
                    <span className="ml-2 text-xs text-slate-600">
                      {field.path} · {field.type}
                    </span>
                  </div>
                ))}
              </div>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
