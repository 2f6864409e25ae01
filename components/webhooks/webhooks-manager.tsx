"use client";

/**
 * Settings → Webhooks: create an endpoint (its secret shown once), choose its events, enable or
 * disable it, rotate its secret (shown once), delete it, send a test, and read each endpoint's
 * delivery log (every attempt with its response code).
 */

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { formatDateTime } from "@/components/runs/format";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, TextInput } from "@/components/ui/field";
import {
  createWebhookAction,
  deleteWebhookAction,
  rotateWebhookSecretAction,
  sendWebhookTestAction,
  updateWebhookAction,
} from "@/lib/server/actions/webhook-actions";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/lib/webhooks/event-types";

export interface WebhookAttemptView {
  attempt: number;
  startedAt: string;
  durationMs: number;
  statusCode: number | null;
  responseExcerpt: string | null;
  error: string | null;
}

export interface WebhookDeliveryView {
  id: string;
  messageId: string;
  eventType: string;
  status: "pending" | "delivered" | "failed";
  createdAt: string;
  nextAttemptAt: string | null;
  attemptLog: WebhookAttemptView[];
}

export interface WebhookEndpointView {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  createdAt: string;
  secretRotatedAt: string | null;
  deliveries: WebhookDeliveryView[];
}

function EventChoice({
  idPrefix,
  value,
  onChange,
}: {
  idPrefix: string;
  value: string[];
  onChange: (next: string[]) => void;
}) {
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium">Events</legend>
      {WEBHOOK_EVENT_TYPES.map((type: WebhookEventType) => (
        <label key={type} className="flex items-center gap-2 text-sm" htmlFor={`${idPrefix}-${type}`}>
          <input
            id={`${idPrefix}-${type}`}
            type="checkbox"
            checked={value.includes(type)}
            onChange={(e) => onChange(e.target.checked ? [...value, type] : value.filter((v) => v !== type))}
          />
          <span>
            <code className="font-mono text-xs">{type}</code> — {WEBHOOK_EVENT_LABELS[type]}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function SecretOnce({ secret, title }: { secret: string; title: string }) {
  return (
    <Alert tone="success" title={title}>
      <code
        className="block break-all rounded bg-white px-2 py-1 font-mono text-slate-900"
        data-testid="webhook-secret"
      >
        {secret}
      </code>
      <div className="mt-2">
        <CopyButton text={secret} label="Copy secret" />
      </div>
    </Alert>
  );
}

function statusText(d: WebhookDeliveryView): string {
  if (d.status === "delivered") return "Delivered";
  if (d.status === "failed") return "Failed";
  return d.nextAttemptAt ? `Retrying at ${formatDateTime(d.nextAttemptAt)}` : "Queued";
}

function DeliveryLog({ deliveries }: { deliveries: WebhookDeliveryView[] }) {
  if (deliveries.length === 0) return <p className="text-sm text-slate-600">No deliveries yet.</p>;
  return (
    <table className="w-full text-sm" aria-label="Delivery log">
      <thead className="text-left text-slate-600">
        <tr>
          <th className="py-1 font-medium">Event</th>
          <th className="py-1 font-medium">Status</th>
          <th className="py-1 font-medium">Attempts (time · response · duration)</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((d) => (
          <tr key={d.id} className="border-t border-slate-100 align-top">
            <td className="py-2">
              <code className="font-mono text-xs">{d.eventType}</code>
              <div className="text-xs text-slate-600">{formatDateTime(d.createdAt)}</div>
              <div className="font-mono text-xs text-slate-500">{d.messageId}</div>
            </td>
            <td className="py-2">{statusText(d)}</td>
            <td className="py-2">
              <ol className="space-y-1">
                {d.attemptLog.map((a) => (
                  <li key={a.attempt}>
                    #{a.attempt} {formatDateTime(a.startedAt)} · <strong>{a.statusCode ?? "no answer"}</strong> ·{" "}
                    {a.durationMs} ms
                    {a.error && <span className="block text-xs text-red-700">{a.error}</span>}
                    {a.responseExcerpt && (
                      <span className="block font-mono text-xs text-slate-600">{a.responseExcerpt}</span>
                    )}
                  </li>
                ))}
              </ol>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function EndpointCard({ endpoint }: { endpoint: WebhookEndpointView }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [events, setEvents] = useState(endpoint.eventTypes);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [secret, setSecret] = useState<string | null>(null);

  const run = (work: () => Promise<void>) => startTransition(work);
  const fail = (text: string) => setMessage({ tone: "error", text });

  const saveEvents = () =>
    run(async () => {
      const result = await updateWebhookAction({ id: endpoint.id, eventTypes: events as WebhookEventType[] });
      if (!result.ok) return fail(result.fieldErrors?.eventTypes ?? result.error);
      setMessage({ tone: "success", text: "Events saved." });
      router.refresh();
    });
  const toggle = () =>
    run(async () => {
      const result = await updateWebhookAction({ id: endpoint.id, enabled: !endpoint.enabled });
      if (!result.ok) return fail(result.error);
      router.refresh();
    });
  const rotate = () => {
    if (!window.confirm("Rotate the secret? The old one stops signing at once; update your receiver.")) return;
    run(async () => {
      const result = await rotateWebhookSecretAction({ id: endpoint.id });
      if (!result.ok) return fail(result.error);
      setSecret(result.data.secret);
      router.refresh();
    });
  };
  const remove = () => {
    if (!window.confirm(`Delete the webhook to ${endpoint.url}? Its delivery log goes with it.`)) return;
    run(async () => {
      const result = await deleteWebhookAction({ id: endpoint.id });
      if (!result.ok) return fail(result.error);
      router.refresh();
    });
  };
  const test = () =>
    run(async () => {
      const result = await sendWebhookTestAction({ id: endpoint.id });
      if (!result.ok) return fail(result.error);
      const r = result.data;
      setMessage(
        r.ok
          ? { tone: "success", text: `Test delivered: the endpoint answered ${r.statusCode} in ${r.durationMs} ms.` }
          : { tone: "error", text: `Test failed: ${r.error ?? "no answer"}` },
      );
      router.refresh();
    });

  return (
    <section
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-6"
      aria-label={`Webhook ${endpoint.url}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="break-all font-mono text-sm font-semibold">{endpoint.url}</h2>
          {endpoint.description && <p className="text-sm text-slate-600">{endpoint.description}</p>}
          <p className="text-xs text-slate-600">
            {endpoint.enabled ? "Enabled" : "Disabled"} · created {formatDateTime(endpoint.createdAt)}
            {endpoint.secretRotatedAt && ` · secret rotated ${formatDateTime(endpoint.secretRotatedAt)}`}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={test} disabled={pending}>
            Send test
          </Button>
          <Button variant="secondary" onClick={toggle} disabled={pending}>
            {endpoint.enabled ? "Disable" : "Enable"}
          </Button>
          <Button variant="secondary" onClick={rotate} disabled={pending}>
            Rotate secret
          </Button>
          <Button variant="danger" onClick={remove} disabled={pending}>
            Delete
          </Button>
        </div>
      </div>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {secret && <SecretOnce secret={secret} title="New secret. Copy it now: it is not shown again." />}
      <div className="space-y-2">
        <EventChoice idPrefix={`events-${endpoint.id}`} value={events} onChange={setEvents} />
        <Button variant="secondary" onClick={saveEvents} disabled={pending}>
          Save events
        </Button>
      </div>
      <div>
        <h3 className="mb-2 text-sm font-semibold">Delivery log</h3>
        <DeliveryLog deliveries={endpoint.deliveries} />
      </div>
    </section>
  );
}

export function WebhooksManager({ endpoints }: { endpoints: WebhookEndpointView[] }) {
  const router = useRouter();
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [events, setEvents] = useState<string[]>([...WEBHOOK_EVENT_TYPES]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const create = (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await createWebhookAction({ url, description, eventTypes: events as WebhookEventType[] });
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setError(result.fieldErrors ? null : result.error);
        return;
      }
      setErrors({});
      setUrl("");
      setDescription("");
      setCreated(result.data.secret);
      router.refresh();
    });
  };

  return (
    <div className="space-y-6">
      <section className="rounded-lg border border-slate-200 bg-white p-6">
        <form onSubmit={create} className="space-y-3" aria-label="Add webhook">
          <Field id="webhook-url" label="Endpoint URL" error={errors.url} hint="https:// address that receives POSTs">
            <TextInput
              id="webhook-url"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              invalid={Boolean(errors.url)}
            />
          </Field>
          <Field id="webhook-description" label="Description (optional)" error={errors.description}>
            <TextInput id="webhook-description" value={description} onChange={(e) => setDescription(e.target.value)} />
          </Field>
          <EventChoice idPrefix="new-webhook" value={events} onChange={setEvents} />
          {errors.eventTypes && <p className="text-sm text-red-700">{errors.eventTypes}</p>}
          <Button type="submit" disabled={pending}>
            Add webhook
          </Button>
        </form>
        <div className="mt-4 space-y-3">
          {error && <Alert tone="error">{error}</Alert>}
          {created && (
            <SecretOnce secret={created} title="Webhook added. Copy its signing secret now: it is not shown again." />
          )}
        </div>
      </section>
      {endpoints.length === 0 ? (
        <p className="text-sm text-slate-600">No webhooks yet.</p>
      ) : (
        endpoints.map((endpoint) => <EndpointCard key={endpoint.id} endpoint={endpoint} />)
      )}
    </div>
  );
}
