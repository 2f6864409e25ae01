"use client";

/** The channel page's "Delete channel" form: what happens to its orders, and the name typed to confirm. */

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useCan } from "@/components/shell/role-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { deleteChannelAction } from "@/lib/server/actions/channel-delete-actions";

/**
 * The channel page's "Delete channel": choose what happens to its imported orders, type the
 * channel's name to confirm. Everything else of the channel goes.
 */
export function DeleteChannelForm({ channelId, name }: { channelId: string; name: string }) {
  const allowed = useCan("channels.manage");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [orders, setOrders] = useState<"keep" | "delete">("keep");
  const [confirmName, setConfirmName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const matches = confirmName.trim() === name;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await deleteChannelAction({ channelId, confirmName, orders });
    if (!result.ok) {
      setBusy(false);
      setFieldError(result.fieldErrors?.confirmName);
      setError(result.error);
      return;
    }
    router.push(result.data.redirectTo);
    router.refresh();
  };

  // The role cannot use it (the server refuses it too): not offered.
  if (!allowed) return null;
  return (
    <section aria-labelledby="delete-heading" className="space-y-3 rounded-lg border border-red-200 bg-white p-4">
      <h2 id="delete-heading" className="text-base font-semibold text-slate-900">
        Delete channel
      </h2>
      <p className="text-sm text-slate-700">
        Deleting removes the channel’s runs and their history, its Link Listings links, mapping templates, schedule and
        its SellerCloud login (unless another channel uses it). Nothing is changed in SellerCloud.
      </p>
      {!open ? (
        <Button variant="secondary" onClick={() => setOpen(true)}>
          Delete this channel…
        </Button>
      ) : (
        <form onSubmit={submit} className="space-y-4" aria-label="Delete channel">
          <fieldset className="space-y-2 text-sm">
            <legend className="font-medium text-slate-800">Its imported orders</legend>
            <label className="flex items-start gap-2">
              <input
                type="radio"
                name="orders"
                value="keep"
                checked={orders === "keep"}
                onChange={() => setOrders("keep")}
                className="mt-1"
              />
              <span>
                Keep them, marked as from a deleted channel (they stay searchable; the channel’s retention setting still
                clears their personal data).
              </span>
            </label>
            <label className="flex items-start gap-2">
              <input
                type="radio"
                name="orders"
                value="delete"
                checked={orders === "delete"}
                onChange={() => setOrders("delete")}
                className="mt-1"
              />
              <span>Delete them too, with their items and shipments.</span>
            </label>
          </fieldset>
          <Field id="confirm-channel-name" label={`Type the channel’s name, “${name}”, to confirm`} error={fieldError}>
            <TextInput
              id="confirm-channel-name"
              autoComplete="off"
              value={confirmName}
              onChange={(e) => setConfirmName(e.target.value)}
              invalid={Boolean(fieldError)}
            />
          </Field>
          {error && <Alert tone="error">{error}</Alert>}
          <div className="flex flex-wrap gap-3">
            <Button type="submit" variant="danger" disabled={!matches || busy}>
              {busy ? "Deleting…" : "Delete channel"}
            </Button>
            <Button variant="secondary" onClick={() => setOpen(false)} disabled={busy}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
