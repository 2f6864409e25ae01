"use client";

/** The mapping set page's form: name, description and rows of a workspace mapping set, with delete. */

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import {
  createMappingSetAction,
  deleteMappingSetAction,
  updateMappingSetAction,
} from "@/lib/server/actions/mapping-actions";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, TextInput } from "../ui/field";
import { type Entry, EntriesEditor } from "./entries-editor";

/** Creates a workspace mapping set, or edits one (name, description, rows, CSV), with delete. */
export function MappingSetForm({ set }: { set?: { id: string; name: string; description: string; entries: Entry[] } }) {
  const router = useRouter();
  const id = useId();
  const [name, setName] = useState(set?.name ?? "");
  const [description, setDescription] = useState(set?.description ?? "");
  const [entries, setEntries] = useState<Entry[]>(set?.entries ?? []);
  const [busy, setBusy] = useState<"save" | "delete" | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  // A field's error goes as soon as the field is edited: it described the value that was sent.
  const clearError = (field: string) =>
    setFieldErrors((current) => {
      if (!(field in current)) return current;
      const { [field]: _, ...rest } = current;
      return rest;
    });

  const save = async () => {
    setBusy("save");
    setMessage(null);
    setFieldErrors({});
    const result = set
      ? await updateMappingSetAction({ setId: set.id, name, description, entries })
      : await createMappingSetAction({ name, description, entries });
    setBusy(null);
    if (!result.ok) {
      setFieldErrors(result.fieldErrors ?? {});
      setMessage({ tone: "error", text: result.error });
      return;
    }
    if (!set) {
      router.push(`/settings/mapping-sets/${result.data.id}?created=1`);
      return;
    }
    setEntries(result.data.entries);
    setMessage({ tone: "success", text: `Saved “${result.data.name}” with ${result.data.entries.length} rows.` });
    router.refresh();
  };

  const remove = async () => {
    if (!set) return;
    setBusy("delete");
    const result = await deleteMappingSetAction({ setId: set.id });
    setBusy(null);
    if (!result.ok) {
      setConfirmDelete(false);
      setMessage({ tone: "error", text: result.error });
      return;
    }
    router.push("/settings/mapping-sets?deleted=1");
  };

  return (
    <form
      noValidate
      className="space-y-5"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={`${id}-name`} label="Name" error={fieldErrors.name}>
          <TextInput
            id={`${id}-name`}
            value={name}
            invalid={Boolean(fieldErrors.name)}
            onChange={(e) => {
              setName(e.target.value);
              clearError("name");
            }}
          />
        </Field>
        <Field id={`${id}-description`} label="Description (optional)" error={fieldErrors.description}>
          <TextInput
            id={`${id}-description`}
            value={description}
            onChange={(e) => {
              setDescription(e.target.value);
              clearError("description");
            }}
          />
        </Field>
      </div>
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-800">Rows</legend>
        <EntriesEditor
          label={name || "New mapping set"}
          entries={entries}
          onChange={(next) => {
            setEntries(next);
            clearError("entries");
          }}
        />
        {fieldErrors.entries && (
          <p role="alert" className="mt-1 text-sm text-red-700">
            {fieldErrors.entries}
          </p>
        )}
      </fieldset>
      <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4">
        <Button type="submit" disabled={busy !== null}>
          {busy === "save" ? "Saving…" : set ? "Save mapping set" : "Create mapping set"}
        </Button>
        {set &&
          (confirmDelete ? (
            <>
              <Button variant="danger" disabled={busy !== null} onClick={() => void remove()}>
                {busy === "delete" ? "Deleting…" : "Delete it"}
              </Button>
              <Button variant="ghost" onClick={() => setConfirmDelete(false)}>
                Keep it
              </Button>
            </>
          ) : (
            <Button variant="ghost" className="ml-auto text-red-700" onClick={() => setConfirmDelete(true)}>
              Delete mapping set
            </Button>
          ))}
      </div>
    </form>
  );
}
