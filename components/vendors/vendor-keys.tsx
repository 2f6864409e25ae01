"use client";

/** A vendor's API keys (cdv_…): create (shown once), list, revoke; plus rotating the webhook secret and retrying failed deliveries. */

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { formatDateTime } from "@/components/runs/format";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, TextInput } from "@/components/ui/field";
import {
  createVendorKeyAction,
  retryVendorDeliveriesAction,
  revokeVendorKeyAction,
  rotateVendorSecretAction,
} from "@/lib/server/actions/vendor-actions";

export interface VendorKeyRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export function VendorKeys({ vendorId, keys, webhook }: { vendorId: string; keys: VendorKeyRow[]; webhook: boolean }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [shown, setShown] = useState<{ title: string; value: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const run = (work: () => Promise<void>) =>
    startTransition(async () => {
      setError(null);
      setMessage(null);
      await work();
      router.refresh();
    });

  return (
    <div className="space-y-4">
      {error && <Alert tone="error">{error}</Alert>}
      {message && <Alert tone="success">{message}</Alert>}
      {shown && (
        <Alert tone="success" title={shown.title}>
          <code className="block break-all rounded bg-white px-2 py-1 font-mono" data-testid="new-vendor-key">
            {shown.value}
          </code>
          <div className="mt-2">
            <CopyButton text={shown.value} label="Copy" />
          </div>
        </Alert>
      )}
      <form
        className="flex flex-wrap items-end gap-3"
        aria-label="Create vendor key"
        onSubmit={(e) => {
          e.preventDefault();
          run(async () => {
            const result = await createVendorKeyAction({ vendorId, name });
            if (!result.ok) return setError(result.fieldErrors?.name ?? result.error);
            setName("");
            setShown({
              title: `Key “${result.data.name}” created. Copy it now: it is not shown again.`,
              value: result.data.key,
            });
          });
        }}
      >
        <div className="min-w-64 flex-1">
          <Field id="vendor-key-name" label="Key name">
            <TextInput id="vendor-key-name" value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
        </div>
        <Button type="submit" disabled={pending}>
          Create key
        </Button>
        {webhook && (
          <Button
            variant="secondary"
            disabled={pending}
            onClick={() => {
              if (!window.confirm("Replace the webhook signing secret? The vendor must switch to the new one.")) return;
              run(async () => {
                const result = await rotateVendorSecretAction({ vendorId });
                if (!result.ok) return setError(result.error);
                setShown({
                  title: "New webhook signing secret: copy it now, it is not shown again.",
                  value: result.data.webhookSecret,
                });
              });
            }}
          >
            Rotate webhook secret
          </Button>
        )}
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() =>
            run(async () => {
              const result = await retryVendorDeliveriesAction({ vendorId });
              if (!result.ok) return setError(result.error);
              setMessage(`${result.data.count} failed delivery(ies) go again with the next Submit to Vendors run.`);
            })
          }
        >
          Retry failed deliveries
        </Button>
      </form>
      {keys.length === 0 ? (
        <p className="text-sm text-slate-600">No keys yet.</p>
      ) : (
        <table className="w-full text-sm" aria-label="Vendor API keys">
          <thead className="text-left text-slate-600">
            <tr>
              <th className="py-1 font-medium">Name</th>
              <th className="py-1 font-medium">Key</th>
              <th className="py-1 font-medium">Created</th>
              <th className="py-1 font-medium">Last used</th>
              <th className="py-1 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.id} className="border-t border-slate-100">
                <td className="py-2">{key.name}</td>
                <td className="py-2 font-mono">{key.prefix}_…</td>
                <td className="py-2">{formatDateTime(key.createdAt)}</td>
                <td className="py-2">{formatDateTime(key.lastUsedAt)}</td>
                <td className="py-2 text-right">
                  {key.revokedAt ? (
                    <span className="text-slate-600">Revoked {formatDateTime(key.revokedAt)}</span>
                  ) : (
                    <Button
                      variant="danger"
                      disabled={pending}
                      aria-label={`Revoke ${key.name}`}
                      onClick={() => {
                        if (!window.confirm(`Revoke "${key.name}"?`)) return;
                        run(async () => {
                          const result = await revokeVendorKeyAction({ vendorId, id: key.id });
                          if (!result.ok) setError(result.error);
                        });
                      }}
                    >
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
