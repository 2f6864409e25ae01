"use client";

/** Template list and header actions: duplicate, activate, delete, create and rename a mapping template. */

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { useCan } from "@/components/shell/role-context";
import {
  activateTemplateAction,
  createTemplateAction,
  deleteTemplateAction,
  duplicateTemplateAction,
  renameTemplateAction,
} from "@/lib/server/actions/mapping-actions";
import { Button } from "../ui/button";

/** Duplicate / activate / delete for one template row of the channel's template list. */
export function TemplateRowActions({
  channelId,
  templateId,
  name,
  isActive,
}: {
  channelId: string;
  templateId: string;
  name: string;
  isActive: boolean;
}) {
  const allowed = useCan("templates.edit");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const run = (action: () => Promise<{ ok: true } | { ok: false; error: string }>, after?: () => void) =>
    startTransition(async () => {
      setError(null);
      const result = await action();
      if (!result.ok) setError(result.error);
      else {
        after?.();
        router.refresh();
      }
    });

  // The role cannot use it (the server refuses it too): not offered.
  if (!allowed) return null;
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <Button
        variant="secondary"
        disabled={pending}
        aria-label={`Duplicate ${name}`}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const result = await duplicateTemplateAction({ templateId });
            if (!result.ok) setError(result.error);
            else router.push(`/channels/${channelId}/mapping/${result.data.templateId}`);
          })
        }
      >
        Duplicate
      </Button>
      {!isActive && (
        <Button
          variant="secondary"
          disabled={pending}
          aria-label={`Make ${name} active`}
          onClick={() => run(() => activateTemplateAction({ templateId }))}
        >
          Make active
        </Button>
      )}
      {!isActive &&
        (confirmDelete ? (
          <>
            <Button variant="danger" disabled={pending} onClick={() => run(() => deleteTemplateAction({ templateId }))}>
              {pending ? "Deleting…" : `Delete “${name}”`}
            </Button>
            <Button variant="ghost" onClick={() => setConfirmDelete(false)}>
              Keep it
            </Button>
          </>
        ) : (
          <Button
            variant="ghost"
            className="text-red-700"
            aria-label={`Delete ${name}`}
            onClick={() => setConfirmDelete(true)}
          >
            Delete
          </Button>
        ))}
      {error && (
        <p role="alert" className="w-full text-right text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** Creates a template of its kind (Get Orders unless told) from the recommended default, then opens it in the editor. */
export function CreateTemplateForm({
  channelId,
  defaultName,
  kind,
}: {
  channelId: string;
  defaultName: string;
  kind?: "get_orders" | "sync_orders";
}) {
  const allowed = useCan("templates.edit");
  const router = useRouter();
  const id = useId();
  const [name, setName] = useState(defaultName);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  // The role cannot use it (the server refuses it too): not offered.
  if (!allowed) return null;
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          setError(null);
          const result = await createTemplateAction({ channelId, name, kind });
          if (!result.ok) setError(result.fieldErrors?.name ?? result.error);
          else router.push(`/channels/${channelId}/mapping/${result.data.templateId}`);
        });
      }}
    >
      <div>
        <label htmlFor={`${id}-name`} className="block text-xs font-medium text-slate-700">
          New template name
        </label>
        <input
          id={`${id}-name`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={Boolean(error) || undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="w-72 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create from the recommended template"}
      </Button>
      {error && (
        <p id={`${id}-error`} role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}

/** Renames a template in place (the editor's header). */
export function RenameTemplateForm({ templateId, name }: { templateId: string; name: string }) {
  const router = useRouter();
  const id = useId();
  const [value, setValue] = useState(name);
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          setMessage(null);
          const result = await renameTemplateAction({ templateId, name: value });
          if (!result.ok) setMessage({ error: true, text: result.fieldErrors?.name ?? result.error });
          else {
            setMessage({ error: false, text: "Renamed." });
            router.refresh();
          }
        });
      }}
    >
      <div>
        <label htmlFor={`${id}-name`} className="block text-xs font-medium text-slate-700">
          Template name
        </label>
        <input
          id={`${id}-name`}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          className="w-72 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        />
      </div>
      <Button type="submit" variant="secondary" disabled={pending || value.trim() === name}>
        {pending ? "Renaming…" : "Rename"}
      </Button>
      {message && (
        <p
          role={message.error ? "alert" : "status"}
          className={`text-sm ${message.error ? "text-red-700" : "text-green-800"}`}
        >
          {message.text}
        </p>
      )}
    </form>
  );
}
