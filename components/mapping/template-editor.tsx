"use client";

/** The visual mapping template editor: one row per Conduit field with its live preview; saves a new version. */

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { checkTemplate } from "@/lib/mapping/check-template";
import type { TemplateKind } from "@/db/schema/mapping";
import type { SourceNode } from "@/lib/mapping/source-fields";
import { checkSyncTemplate } from "@/lib/mapping/sync-checks";
import { TARGET_FIELDS, TARGET_GROUP_LABELS, type TargetField } from "@/lib/mapping/targets";
import type { FieldMapping, MappingSetData, TemplateBody } from "@/lib/mapping/template";
import type { PreviewOrder } from "@/lib/orders/preview-source";
import {
  createMappingSetAction,
  saveTemplateAction,
  updateMappingSetAction,
} from "@/lib/server/actions/mapping-actions";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import type { Entry } from "./entries-editor";
import { type EditorSet, FieldRow, targetName } from "./field-row";
import { previewTarget } from "@/lib/mapping/preview";
import { PreviewOrderPicker } from "./preview-order-picker";
import { SyncPreviewPicker } from "./sync-preview-picker";
import { previewSyncTarget } from "@/lib/mapping/sync-preview";
import type { SyncTargetField } from "@/lib/mapping/sync-targets";
import type { SyncPreviewShipment } from "@/lib/orders/sync-preview-source";
import { SourceCatalogProvider } from "./source-catalog-context";

function fieldsOf(body: TemplateBody, targets: readonly TargetField[]): Record<string, FieldMapping> {
  const fields: Record<string, FieldMapping> = {};
  for (const target of targets) fields[target.key] = body.fields[target.key] ?? { mode: "none" };
  return fields;
}

/**
 * The visual mapping template editor: one row per Conduit field, grouped like an order, with the
 * live preview beside each row. Saving writes the workspace's edited mapping sets first, then the
 * template as its next version; the server validates and refuses with a message per row.
 *
 * The targets and the source tree are props, so the same editor edits every template kind: Get
 * Orders (Conduit order fields from SellerCloud's order, the defaults) and Sync Orders
 * (SellerCloud's shipping-update fields from Conduit's order and shipment, previewed on a shipment
 * recorded in Conduit).
 */
export function TemplateEditor(props: TemplateEditorProps) {
  return (
    <SourceCatalogProvider
      tree={props.sourceTree}
      sourceName={props.kind === "sync_orders" ? "Conduit" : "SellerCloud"}
    >
      <TemplateEditorBody {...props} />
    </SourceCatalogProvider>
  );
}

interface TemplateEditorProps {
  channelId: string;
  templateId: string;
  initialBody: TemplateBody;
  /** The version the editor opened (an older one when restoring). */
  baseVersion: number;
  latestVersion: number;
  initialSets: Array<{ id: string; name: string; entries: Entry[] }>;
  kind?: TemplateKind;
  targets?: readonly TargetField[];
  /** Absent: SellerCloud's order fields (Get Orders). */
  sourceTree?: SourceNode[];
}

function TemplateEditorBody({
  channelId,
  templateId,
  initialBody,
  baseVersion,
  latestVersion,
  initialSets,
  kind = "get_orders",
  targets = TARGET_FIELDS,
}: TemplateEditorProps) {
  const isSync = kind === "sync_orders";
  const groups = useMemo(() => [...new Set(targets.map((t) => t.group))], [targets]);
  const required = useMemo(() => targets.filter((t) => t.required), [targets]);
  const router = useRouter();
  const [fields, setFields] = useState(() => fieldsOf(initialBody, targets));
  const [savedJson, setSavedJson] = useState(() => JSON.stringify(fieldsOf(initialBody, targets)));
  const [sets, setSets] = useState<EditorSet[]>(() => initialSets.map((s) => ({ ...s, dirty: false })));
  const [serverErrors, setServerErrors] = useState<Record<string, string> | null>(null);
  const [status, setStatus] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [order, setOrder] = useState<PreviewOrder | null>(null);
  const [shipment, setShipment] = useState<SyncPreviewShipment | null>(null);

  const setData: MappingSetData[] = useMemo(
    () => sets.map((s) => ({ id: s.id, name: s.name, entries: s.entries })),
    [sets],
  );
  const body: TemplateBody = useMemo(() => ({ format: 1, fields }), [fields]);
  const dirty = JSON.stringify(fields) !== savedJson || sets.some((s) => s.dirty);

  // After a refused save, the messages follow the edits live (same validator as the server).
  const errors = useMemo(() => {
    if (!serverErrors) return {};
    const check = isSync ? checkSyncTemplate(body, setData) : checkTemplate(body, setData);
    return check.ok ? {} : check.errors;
  }, [serverErrors, body, setData, isSync]);
  const errorCount = Object.keys(errors).length;

  const preview = useMemo(() => {
    if (isSync) {
      if (!shipment) return null;
      const out: Record<string, ReturnType<typeof previewSyncTarget>> = {};
      for (const target of targets)
        out[target.key] = previewSyncTarget(
          target as SyncTargetField,
          fields[target.key] ?? { mode: "none" },
          shipment.packages,
          setData,
        );
      return out;
    }
    if (!order) return null;
    const out: Record<string, ReturnType<typeof previewTarget>> = {};
    for (const target of targets) {
      out[target.key] = previewTarget(target, fields[target.key] ?? { mode: "none" }, required, order.raw, setData);
    }
    return out;
  }, [order, shipment, fields, setData, isSync, targets, required]);

  const setField = (key: string, mapping: FieldMapping) => {
    setFields((f) => ({ ...f, [key]: mapping }));
    setStatus(null);
  };
  const setEntries = (setId: string, entries: Entry[]) => {
    setSets((all) => all.map((s) => (s.id === setId ? { ...s, entries, dirty: true } : s)));
    setStatus(null);
  };
  const createSet = async (name: string) => {
    const result = await createMappingSetAction({ name, entries: [] });
    if (!result.ok) return { ok: false as const, error: result.fieldErrors?.name ?? result.error };
    setSets((all) => [...all, { ...result.data, dirty: false }].sort((a, b) => a.name.localeCompare(b.name)));
    return { ok: true as const, id: result.data.id };
  };

  const save = async () => {
    setSaving(true);
    setStatus(null);
    try {
      await saveAll();
    } catch {
      setStatus({ tone: "error", text: "The template could not be sent. Check your connection and try again." });
    } finally {
      setSaving(false);
    }
  };

  const saveAll = async () => {
    for (const set of sets.filter((s) => s.dirty)) {
      const result = await updateMappingSetAction({ setId: set.id, entries: set.entries });
      if (!result.ok) {
        setStatus({ tone: "error", text: `Mapping set “${set.name}” was not saved: ${result.error}` });
        return;
      }
      setSets((all) => all.map((s) => (s.id === set.id ? { ...s, entries: result.data.entries, dirty: false } : s)));
    }
    const result = await saveTemplateAction({ templateId, body });
    if (!result.ok) {
      setServerErrors(result.fieldErrors ?? {});
      setStatus({ tone: "error", text: result.error });
      return;
    }
    setServerErrors(null);
    setSavedJson(JSON.stringify(fields));
    setStatus({ tone: "success", text: `Saved as version ${result.data.version}.` });
    router.refresh();
  };

  return (
    <div className="space-y-6">
      {isSync ? (
        <SyncPreviewPicker channelId={channelId} selected={shipment} onSelect={setShipment} />
      ) : (
        <PreviewOrderPicker channelId={channelId} selected={order} onSelect={setOrder} />
      )}
      {baseVersion !== latestVersion && (
        <Alert tone="warning">
          You opened version {baseVersion}; the latest is {latestVersion}. Saving makes this the new version{" "}
          {latestVersion + 1}.
        </Alert>
      )}
      {errorCount > 0 && (
        <Alert tone="error" title={`${errorCount} ${errorCount === 1 ? "field needs" : "fields need"} attention`}>
          <ul className="list-disc pl-5">
            {Object.entries(errors).map(([key, message]) => {
              const target = targets.find((t) => t.key === key);
              return (
                <li key={key}>
                  {target ? (
                    <a href={`#row-${key}`} className="underline">
                      {targetName(target)}
                    </a>
                  ) : (
                    key
                  )}
                  : {message}
                </li>
              );
            })}
          </ul>
        </Alert>
      )}
      {groups.map((group) => (
        <section key={group} aria-labelledby={`group-${group}`} className="rounded-lg border border-slate-200 bg-white">
          <div className="grid gap-3 border-b border-slate-200 bg-slate-50 px-4 py-2 text-xs font-medium uppercase tracking-wide text-slate-600 lg:grid-cols-[12rem_minmax(0,1fr)_18rem]">
            <h2 id={`group-${group}`} className="text-sm font-semibold normal-case tracking-normal text-slate-900">
              {isSync ? "SellerCloud shipping update" : TARGET_GROUP_LABELS[group]}
            </h2>
            <span className="hidden lg:block">Mapping</span>
            {isSync ? (
              <span className="hidden lg:block">From Conduit’s order and shipment</span>
            ) : (
              <span className="hidden lg:grid lg:grid-cols-2">
                <span>SellerCloud</span>
                <span>Result</span>
              </span>
            )}
          </div>
          <ul>
            {targets
              .filter((t) => t.group === group)
              .map((target) => (
                <FieldRow
                  key={target.key}
                  target={target}
                  mapping={fields[target.key] ?? { mode: "none" }}
                  onChange={(m) => setField(target.key, m)}
                  error={errors[target.key]}
                  sets={sets}
                  onSetEntries={setEntries}
                  onCreateSet={createSet}
                  preview={preview?.[target.key] ?? null}
                />
              ))}
          </ul>
        </section>
      ))}
      <div className="sticky bottom-0 z-10 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white/95 py-3 backdrop-blur">
        <Button onClick={() => void save()} disabled={saving}>
          {saving ? "Saving…" : "Save as new version"}
        </Button>
        {dirty && !saving && <span className="text-sm text-amber-800">Unsaved changes</span>}
        {status && (
          <p
            role={status.tone === "error" ? "alert" : "status"}
            className={`text-sm ${status.tone === "error" ? "text-red-700" : "text-green-800"}`}
          >
            {status.text}
          </p>
        )}
      </div>
    </div>
  );
}
