"use client";

/** The step forms' submit hook: saves a step through the server action and puts field errors next to their fields. */

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { plainMessage } from "@/lib/channels/form-messages";
import type { StepId } from "@/lib/channels/wizard";
import { saveStepAction } from "@/lib/server/actions/channel-actions";

export type FormMode = "setup" | "settings";

// Form messages in plain words, re-exported for the step forms.
export { plainMessage };

/** Saves one wizard step through the server action; field errors land next to their fields. */
export function useStepSubmit<V extends FieldValues>(options: {
  channelId: string;
  step: StepId;
  mode: FormMode;
  setError: UseFormSetError<V>;
}) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const submit = async (values: unknown): Promise<boolean> => {
    setFormError(null);
    const result = await saveStepAction({
      channelId: options.channelId,
      step: options.step,
      values,
      mode: options.mode,
    });
    if (result.ok) {
      router.push(result.data.redirectTo);
      return true;
    }
    for (const [field, message] of Object.entries(result.fieldErrors ?? {})) {
      options.setError(field as Path<V>, { message: plainMessage(message) });
    }
    setFormError(result.error);
    return false;
  };
  return { submit, formError, setFormError };
}
