"use client";

/**
 * A channel's routing rules editor (the mapping rules editor's style: ordered rows, first match
 * wins), with a preview of where each line of a real imported order would go under the rules as
 * typed, before saving.
 */

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectInput, TextInput } from "@/components/ui/field";
import type { RoutingRuleKind } from "@/db/schema/vendors";
import { previewRoutingAction, saveRoutingRulesAction } from "@/lib/server/actions/vendor-actions";
import { ROUTING_RULE_LABELS } from "@/lib/vendors/schemas";

export interface EditorRule {
  kind: RoutingRuleKind;
  values: string;
  vendorId: string | null;
}

type Preview = Awaited<ReturnType<typeof previewRoutingAction>>;

export function RoutingEditor({
  channelId,
  initial,
  vendors,
  orders,
  canEdit,
}: {
  channelId: string;
  initial: EditorRule[];
  vendors: { id: string; name: string }[];
  orders: { id: string; label: string }[];
  canEdit: boolean;
}) {
  const router = useRouter();
  const [rules, setRules] = useState<EditorRule[]>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [orderId, setOrderId] = useState(orders[0]?.id ?? "");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [pending, startTransition] = useTransition();

  const update = (i: number, patch: Partial<EditorRule>) =>
    setRules((rs) => rs.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const move = (i: number, by: number) =>
    setRules((rs) => {
      const next = [...rs];
      const [row] = next.splice(i, 1);
      next.splice(Math.max(0, Math.min(next.length, i + by)), 0, row!);
      return next;
    });
  const payload = () =>
    rules.map((r) => ({ kind: r.kind, values: r.values, vendorId: r.kind === "variant_vendor" ? null : r.vendorId }));

  const save = () =>
    startTransition(async () => {
      const result = await saveRoutingRulesAction({ channelId, rules: payload() });
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setMessage({ tone: "error", text: result.error });
        return;
      }
      setErrors({});
      setMessage({ tone: "success", text: `Saved ${result.data.count} rule(s).` });
      router.refresh();
    });
  const runPreview = () =>
    startTransition(async () => {
      setPreview(await previewRoutingAction({ channelId, orderId, rules: payload() }));
    });

  return (
    <div className="space-y-6">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <ol className="space-y-3" aria-label="Routing rules">
        {rules.map((rule, i) => {
          const needsValues = rule.kind !== "variant_vendor" && rule.kind !== "default";
          const err = (field: string) => errors[`rules.${i}.${field}`];
          return (
            <li key={i} className="rounded-md border border-slate-200 bg-white p-3">
              <div className="flex flex-wrap items-end gap-3">
                <span className="text-sm font-medium">Rule {i + 1}</span>
                <label className="text-sm">
                  <span className="sr-only">Rule {i + 1} kind</span>
                  <SelectInput
                    aria-label={`Rule ${i + 1} kind`}
                    value={rule.kind}
                    disabled={!canEdit}
                    onChange={(e) => update(i, { kind: e.target.value as RoutingRuleKind })}
                  >
                    {Object.entries(ROUTING_RULE_LABELS).map(([k, label]) => (
                      <option key={k} value={k}>
                        {label}
                      </option>
                    ))}
                  </SelectInput>
                </label>
                {needsValues && (
                  <div className="min-w-48 flex-1">
                    <TextInput
                      aria-label={`Rule ${i + 1} values`}
                      placeholder={rule.kind === "ship_country" ? "US, CA" : "comma-separated"}
                      value={rule.values}
                      disabled={!canEdit}
                      invalid={Boolean(err("values"))}
                      id={`rule-${i}-values`}
                      onChange={(e) => update(i, { values: e.target.value })}
                    />
                    {err("values") && <p className="text-sm text-red-700">{err("values")}</p>}
                  </div>
                )}
                {rule.kind !== "variant_vendor" ? (
                  <div>
                    <SelectInput
                      aria-label={`Rule ${i + 1} vendor`}
                      value={rule.vendorId ?? ""}
                      disabled={!canEdit}
                      invalid={Boolean(err("vendorId"))}
                      id={`rule-${i}-vendor`}
                      onChange={(e) => update(i, { vendorId: e.target.value || null })}
                    >
                      <option value="">Choose a vendor…</option>
                      {vendors.map((v) => (
                        <option key={v.id} value={v.id}>
                          {v.name}
                        </option>
                      ))}
                    </SelectInput>
                    {err("vendorId") && <p className="text-sm text-red-700">{err("vendorId")}</p>}
                  </div>
                ) : (
                  <span className="text-sm text-slate-600">→ the vendor set on the catalog variant</span>
                )}
                {canEdit && (
                  <span className="ml-auto flex gap-1">
                    <Button
                      variant="ghost"
                      aria-label={`Move rule ${i + 1} up`}
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                    >
                      ↑
                    </Button>
                    <Button
                      variant="ghost"
                      aria-label={`Move rule ${i + 1} down`}
                      disabled={i === rules.length - 1}
                      onClick={() => move(i, 1)}
                    >
                      ↓
                    </Button>
                    <Button
                      variant="ghost"
                      aria-label={`Remove rule ${i + 1}`}
                      onClick={() => setRules((rs) => rs.filter((_, k) => k !== i))}
                    >
                      Remove
                    </Button>
                  </span>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      {rules.length === 0 && <p className="text-sm text-slate-600">No rules: every line is held until you add one.</p>}
      {canEdit && (
        <div className="flex gap-3">
          <Button
            variant="secondary"
            onClick={() => setRules((rs) => [...rs, { kind: "brand", values: "", vendorId: vendors[0]?.id ?? null }])}
          >
            Add rule
          </Button>
          <Button onClick={save} disabled={pending}>
            Save rules
          </Button>
        </div>
      )}
      <section aria-labelledby="preview-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="preview-title" className="text-sm font-semibold">
          Preview on an imported order
        </h2>
        {orders.length === 0 ? (
          <p className="text-sm text-slate-600">
            Run Get Orders first: the preview uses one of the channel’s imported orders.
          </p>
        ) : (
          <div className="flex flex-wrap items-end gap-3">
            <SelectInput
              aria-label="Order to preview"
              value={orderId}
              onChange={(e) => setOrderId(e.target.value)}
              className="w-auto"
            >
              {orders.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </SelectInput>
            <Button variant="secondary" onClick={runPreview} disabled={pending || !orderId}>
              Preview
            </Button>
          </div>
        )}
        {preview && !preview.ok && <Alert tone="error">{preview.error}</Alert>}
        {preview?.ok && (
          <table className="w-full text-left text-sm" aria-label="Routing preview">
            <thead className="text-xs text-slate-600">
              <tr>
                <th className="py-1">#</th>
                <th className="py-1">SKU</th>
                <th className="py-1 text-right">Qty</th>
                <th className="py-1">Goes to</th>
              </tr>
            </thead>
            <tbody>
              {preview.data.lines.map((l) => (
                <tr key={l.orderItemId} className="border-t border-slate-100">
                  <td className="py-1">{l.lineNumber}</td>
                  <td className="py-1 font-mono">{l.sku ?? "—"}</td>
                  <td className="py-1 text-right">{l.quantity ?? "—"}</td>
                  <td className="py-1">
                    {l.placement.placed ? (
                      <>
                        <span className="font-medium">{l.vendorName}</span>{" "}
                        <span className="text-xs text-slate-600">{l.placement.routedBy}</span>
                      </>
                    ) : (
                      <span className="text-amber-900">Held: {l.placement.reason}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
