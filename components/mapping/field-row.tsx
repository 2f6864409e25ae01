"use client";

/** One Conduit field's row in the template editor: its mapping mode, source, mapping set or rules, and its preview. */

import { useId, useRef, useState } from "react";
import { type ModeMemory, switchMappingMode } from "@/lib/mapping/mode-switch";
import { TARGET_GROUP_LABELS, type TargetField } from "@/lib/mapping/targets";
import type { FieldMapping, MappingFallback, MappingMode } from "@/lib/mapping/template";
import { MAPPING_MODE_LABELS } from "@/lib/mapping/template-terms";
import { Button } from "../ui/button";
import { type Entry, EntriesEditor } from "./entries-editor";
import type { PreviewLine } from "@/lib/mapping/preview";
import { newRule, RulesEditor } from "./rules-editor";
import { useSourceCatalog } from "./source-catalog-context";
import { SourcePicker } from "./source-picker";

export interface EditorSet {
  id: string;
  name: string;
  entries: Entry[];
  dirty: boolean;
}

const MODES = Object.keys(MAPPING_MODE_LABELS) as MappingMode[];
const small = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export function targetName(target: TargetField): string {
  return `${TARGET_GROUP_LABELS[target.group]} › ${target.label}`;
}

function firstPath(mapping: FieldMapping): string {
  if (mapping.mode === "field" || mapping.mode === "mapping_set") return mapping.path;
  return "";
}

/** A fresh mapping of the chosen mode, carrying over the source field where it still applies. */
export function switchMode(mapping: FieldMapping, mode: MappingMode, sets: EditorSet[]): FieldMapping {
  const path = firstPath(mapping);
  switch (mode) {
    case "none":
      return { mode: "none" };
    case "empty":
      return { mode: "empty" };
    case "field":
      return { mode: "field", path };
    case "value":
      return { mode: "value", value: "" };
    case "mapping_set":
      return { mode: "mapping_set", setId: sets[0]?.id ?? "", path, fallback: { kind: "pass_through" } };
    case "rules":
      return {
        mode: "rules",
        rules: [newRule(path)],
        default: path ? { kind: "field", path } : { kind: "empty" },
      };
  }
}

const TYPE_HINT: Record<TargetField["type"], string> = {
  text: "text",
  number: "number",
  integer: "whole number",
  money: "money",
  date: "date",
};

export function FieldRow({
  target,
  mapping,
  onChange,
  error,
  sets,
  onSetEntries,
  onCreateSet,
  preview,
}: {
  target: TargetField;
  mapping: FieldMapping;
  onChange: (mapping: FieldMapping) => void;
  error?: string;
  sets: EditorSet[];
  onSetEntries: (setId: string, entries: Entry[]) => void;
  onCreateSet: (name: string) => Promise<{ ok: true; id: string } | { ok: false; error: string }>;
  /** Null when no preview order is chosen. */
  preview: PreviewLine[] | null;
}) {
  const id = useId();
  const name = targetName(target);
  const forItem = target.group === "item";
  // What this row held in each mode it left, so switching back restores the picked field or value.
  const modeMemory = useRef<ModeMemory>({});
  const changeMode = (mode: MappingMode) => {
    const next = switchMappingMode(mapping, mode, modeMemory.current, () => switchMode(mapping, mode, sets));
    modeMemory.current = next.memory;
    onChange(next.mapping);
  };
  const { sourceName } = useSourceCatalog();
  // Targets of other kinds (Sync Orders) carry a line of help.
  const help = "help" in target && typeof target.help === "string" ? target.help : null;
  return (
    <li
      className={`grid gap-3 border-b border-slate-100 px-4 py-3 lg:grid-cols-[12rem_minmax(0,1fr)_18rem] ${error ? "bg-red-50/50" : ""}`}
      id={`row-${target.key}`}
      data-testid={`row-${target.key}`}
      aria-labelledby={`${id}-name`}
    >
      <div>
        <p id={`${id}-name`} className="text-sm font-medium text-slate-900">
          {target.label}
          {target.required && <span className="ml-1 text-xs font-normal text-red-700">required</span>}
        </p>
        <p className="text-xs text-slate-600">{TYPE_HINT[target.type]}</p>
        {help && <p className="mt-1 text-xs text-slate-600">{help}</p>}
      </div>
      <div className="min-w-0 space-y-2">
        <select
          aria-label={`Mode for ${name}`}
          value={mapping.mode}
          onChange={(e) => changeMode(e.target.value as MappingMode)}
          className={small}
          aria-invalid={Boolean(error) || undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        >
          {MODES.map((mode) => (
            <option key={mode} value={mode}>
              {MAPPING_MODE_LABELS[mode]}
            </option>
          ))}
        </select>
        {mapping.mode === "none" && (
          <p className="text-xs text-slate-600">Nothing is written; a stored value stays as it is.</p>
        )}
        {mapping.mode === "empty" && <p className="text-xs text-slate-600">The field is cleared on every import.</p>}
        {mapping.mode === "field" && (
          <SourcePicker
            label={`${sourceName} field for ${name}`}
            value={mapping.path}
            forItemTarget={forItem}
            onChange={(path) => onChange({ ...mapping, path })}
            invalid={Boolean(error) && !mapping.path}
          />
        )}
        {mapping.mode === "value" && (
          <input
            aria-label={`Value for ${name}`}
            value={mapping.value}
            onChange={(e) => onChange({ ...mapping, value: e.target.value })}
            placeholder={
              target.type === "date"
                ? "2024-05-01T09:30:00"
                : target.type === "text"
                  ? "e.g. US Only"
                  : target.type === "money"
                    ? "e.g. 0.00 (at most two decimals)"
                    : "e.g. 0"
            }
            className={`${small} w-full`}
          />
        )}
        {mapping.mode === "mapping_set" && (
          <MappingSetInputs
            name={name}
            forItem={forItem}
            mapping={mapping}
            onChange={onChange}
            sets={sets}
            onSetEntries={onSetEntries}
            onCreateSet={onCreateSet}
          />
        )}
        {mapping.mode === "rules" && <RulesEditor target={target} name={name} mapping={mapping} onChange={onChange} />}
        {error && (
          <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
      </div>
      <PreviewCell name={name} lines={preview} />
    </li>
  );
}

function PreviewCell({ name, lines }: { name: string; lines: PreviewLine[] | null }) {
  const { sourceName } = useSourceCatalog();
  if (!lines)
    return (
      <div className="hidden text-xs text-slate-600 lg:block">
        {sourceName === "Conduit" ? "Pick a shipment above to preview." : "Pick an order above to preview."}
      </div>
    );
  return (
    <div className="space-y-1 rounded-md bg-slate-50 p-2 text-xs" data-testid="preview" title={`Preview of ${name}`}>
      {lines.map((line) => (
        <div key={line.scope} className="grid grid-cols-2 gap-2" data-testid="preview-line">
          <div className="min-w-0 break-words text-slate-600">
            {lines.length > 1 && <span className="font-medium text-slate-700">{line.scope}: </span>}
            {line.sources.length === 0 ? (
              <span className="text-slate-600">no {sourceName} field</span>
            ) : (
              line.sources.map((s) => (
                <span key={s.path} className="block" title={s.path}>
                  <span className="text-slate-600">{s.path.split(".").at(-1)}:</span> {s.value}
                </span>
              ))
            )}
          </div>
          <div className="min-w-0 break-words" data-testid="preview-result">
            <span className="sr-only">Result: </span>
            {line.result.ok ? (
              line.result.isUnmapped ? (
                <span className="text-slate-600">not mapped</span>
              ) : line.result.isEmpty ? (
                <span className="text-slate-600 italic">empty</span>
              ) : (
                <span className="font-medium text-slate-900">→ {line.result.text}</span>
              )
            ) : (
              <span className="text-red-700">{line.result.reason}</span>
            )}
          </div>
        </div>
      ))}
    </div>
  );
}

type SetMapping = Extract<FieldMapping, { mode: "mapping_set" }>;

function MappingSetInputs({
  name,
  forItem,
  mapping,
  onChange,
  sets,
  onSetEntries,
  onCreateSet,
}: {
  name: string;
  forItem: boolean;
  mapping: SetMapping;
  onChange: (m: FieldMapping) => void;
  sets: EditorSet[];
  onSetEntries: (setId: string, entries: Entry[]) => void;
  onCreateSet: (name: string) => Promise<{ ok: true; id: string } | { ok: false; error: string }>;
}) {
  const [creating, setCreating] = useState<{ name: string; busy: boolean; error: string | null } | null>(null);
  const [open, setOpen] = useState(false);
  const radio = useId();
  const { sourceName } = useSourceCatalog();
  const set = sets.find((s) => s.id === mapping.setId);
  const setFallback = (fallback: MappingFallback) => onChange({ ...mapping, fallback });

  const create = async () => {
    if (!creating) return;
    setCreating({ ...creating, busy: true, error: null });
    const result = await onCreateSet(creating.name);
    if (!result.ok) {
      setCreating({ ...creating, busy: false, error: result.error });
      return;
    }
    setCreating(null);
    setOpen(true);
    onChange({ ...mapping, setId: result.id });
  };

  return (
    <div className="space-y-2">
      <div className="grid gap-2 sm:grid-cols-2">
        <div>
          <span className="mb-1 block text-xs text-slate-600">Look up this {sourceName} field</span>
          <SourcePicker
            label={`${sourceName} field looked up for ${name}`}
            value={mapping.path}
            forItemTarget={forItem}
            onChange={(path) => onChange({ ...mapping, path })}
          />
        </div>
        <label className="block text-xs text-slate-600">
          <span className="mb-1 block">in the mapping set</span>
          <select
            aria-label={`Mapping set for ${name}`}
            value={mapping.setId}
            onChange={(e) => onChange({ ...mapping, setId: e.target.value })}
            className={`${small} w-full`}
          >
            <option value="">Choose a mapping set…</option>
            {sets.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.entries.length} rows){s.dirty ? " – unsaved changes" : ""}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        {set && (
          <Button variant="secondary" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
            {open ? "Hide rows" : `Edit rows of “${set.name}”`}
          </Button>
        )}
        {creating ? (
          <span className="flex flex-wrap items-center gap-2">
            <input
              aria-label="Name of the new mapping set"
              value={creating.name}
              onChange={(e) => setCreating({ ...creating, name: e.target.value })}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  void create();
                }
              }}
              className={small}
              placeholder="e.g. Shipping services"
            />
            <Button variant="secondary" disabled={creating.busy} onClick={() => void create()}>
              {creating.busy ? "Creating…" : "Create set"}
            </Button>
            <Button variant="ghost" onClick={() => setCreating(null)}>
              Cancel
            </Button>
          </span>
        ) : (
          <Button
            variant="ghost"
            className="text-brand-700"
            onClick={() => setCreating({ name: "", busy: false, error: null })}
          >
            + New mapping set
          </Button>
        )}
      </div>
      {creating?.error && (
        <p role="alert" className="text-sm text-red-700">
          {creating.error}
        </p>
      )}
      {set && open && (
        <div className="rounded-md border border-slate-200 p-3">
          <p className="mb-2 text-xs text-slate-600">
            Mapping sets are shared by every template of the workspace. Changes here are saved with the template.
          </p>
          <EntriesEditor label={set.name} entries={set.entries} onChange={(entries) => onSetEntries(set.id, entries)} />
        </div>
      )}
      <fieldset className="flex flex-wrap items-center gap-3 text-sm">
        <legend className="sr-only">When the value is not in the set ({name})</legend>
        <span className="text-slate-700" aria-hidden="true">
          Not in the set:
        </span>
        <label className="flex items-center gap-1">
          <input
            type="radio"
            name={radio}
            checked={mapping.fallback.kind === "pass_through"}
            onChange={() => setFallback({ kind: "pass_through" })}
          />
          keep the SellerCloud value
        </label>
        <label className="flex items-center gap-1">
          <input
            type="radio"
            name={radio}
            checked={mapping.fallback.kind === "value"}
            onChange={() => setFallback({ kind: "value", value: "" })}
          />
          use a value
        </label>
        <label className="flex items-center gap-1">
          <input
            type="radio"
            name={radio}
            checked={mapping.fallback.kind === "empty"}
            onChange={() => setFallback({ kind: "empty" })}
          />
          leave empty
        </label>
        {mapping.fallback.kind === "value" && (
          <input
            aria-label={`Fallback value for ${name}`}
            value={mapping.fallback.value}
            onChange={(e) => setFallback({ kind: "value", value: e.target.value })}
            className={small}
          />
        )}
      </fieldset>
    </div>
  );
}
