"use client";

/** AlertPreferencesForm: a member's choice per alert kind (Email at once, Hourly digest, Off), saved together. */
import { useState } from "react";
import { ALERT_KIND_INFO, ALERT_MODE_LABELS, ALERT_MODES, type AlertKind, type AlertMode } from "@/lib/alerts/kinds";
import { saveAlertPreferencesAction } from "@/lib/server/actions/alert-actions";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { SelectInput } from "../ui/field";

export interface AlertPreferenceRow {
  kind: AlertKind;
  mode: AlertMode;
  isDefault: boolean;
}

/** One choice per alert kind: Email at once, Hourly digest or Off; saved together. */
export function AlertPreferencesForm({ initial }: { initial: AlertPreferenceRow[] }) {
  const [rows, setRows] = useState(initial);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    setMessage(null);
    const modes = Object.fromEntries(rows.map((r) => [r.kind, r.mode]));
    const result = await saveAlertPreferencesAction({ modes });
    setBusy(false);
    if (result.ok) {
      setRows(result.data);
      setMessage({ tone: "success", text: "Saved." });
    } else setMessage({ tone: "error", text: result.error });
  };

  return (
    <div className="space-y-4">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <table className="w-full text-sm">
        <thead>
          <tr className="border-b border-slate-200 text-left">
            <th scope="col" className="py-2 pr-4 font-medium">
              Alert
            </th>
            <th scope="col" className="py-2 font-medium">
              How you hear of it
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.kind} className="border-b border-slate-100 align-top">
              <td className="py-3 pr-4">
                <label htmlFor={`mode-${row.kind}`} className="font-medium">
                  {ALERT_KIND_INFO[row.kind].label}
                </label>
                <p className="text-slate-600">{ALERT_KIND_INFO[row.kind].description}</p>
              </td>
              <td className="w-56 py-3">
                <SelectInput
                  id={`mode-${row.kind}`}
                  value={row.mode}
                  onChange={(e) =>
                    setRows((all) =>
                      all.map((r) => (r.kind === row.kind ? { ...r, mode: e.target.value as AlertMode } : r)),
                    )
                  }
                >
                  {ALERT_MODES.map((mode) => (
                    <option key={mode} value={mode}>
                      {ALERT_MODE_LABELS[mode]}
                    </option>
                  ))}
                </SelectInput>
                {row.isDefault && <p className="mt-1 text-xs text-slate-600">Your role's default</p>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Button type="button" onClick={save} disabled={busy}>
        {busy ? "Saving…" : "Save alert settings"}
      </Button>
    </div>
  );
}
