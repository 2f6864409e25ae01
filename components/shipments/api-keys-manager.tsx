"use client";

/** The API keys page's body: create a key (shown once, to copy), list and revoke keys. */

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { formatDateTime } from "@/components/runs/format";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, TextInput } from "@/components/ui/field";
import { createApiKeyAction, revokeApiKeyAction } from "@/lib/server/actions/shipment-actions";

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export function ApiKeysManager({ keys }: { keys: ApiKeyRow[] }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | undefined>();
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const create = (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await createApiKeyAction({ name });
      if (!result.ok) {
        setNameError(result.fieldErrors?.name);
        setError(result.fieldErrors?.name ? null : result.error);
        return;
      }
      setNameError(undefined);
      setName("");
      setCreated({ key: result.data.key, name: result.data.name });
      router.refresh();
    });
  };

  const revoke = (key: ApiKeyRow) => {
    if (!window.confirm(`Revoke "${key.name}"? Requests with it are refused at once.`)) return;
    startTransition(async () => {
      const result = await revokeApiKeyAction({ id: key.id });
      if (!result.ok) setError(result.error);
      router.refresh();
    });
  };

  return (
    <div className="space-y-6">
      <form onSubmit={create} className="flex flex-wrap items-end gap-3" aria-label="Create API key">
        <div className="min-w-64 flex-1">
          <Field id="api-key-name" label="Key name" error={nameError} hint="Who uses it, e.g. “East warehouse WMS”">
            <TextInput
              id="api-key-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              invalid={Boolean(nameError)}
            />
          </Field>
        </div>
        <Button type="submit" disabled={pending}>
          Create key
        </Button>
      </form>
      {error && <Alert tone="error">{error}</Alert>}
      {created && (
        <Alert tone="success" title={`Key “${created.name}” created. Copy it now: it is not shown again.`}>
          <code
            className="block break-all rounded bg-white px-2 py-1 font-mono text-slate-900"
            data-testid="new-api-key"
          >
            {created.key}
          </code>
          <div className="mt-2">
            <CopyButton text={created.key} label="Copy key" />
          </div>
        </Alert>
      )}
      {keys.length === 0 ? (
        <p className="text-sm text-slate-600">No API keys yet.</p>
      ) : (
        <table className="w-full text-sm" aria-label="API keys">
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
                      onClick={() => revoke(key)}
                      disabled={pending}
                      aria-label={`Revoke ${key.name}`}
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
