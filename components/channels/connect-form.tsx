"use client";

/**
 * The Connect step's form: the SellerCloud login (Server ID or API URL, password or token), tested
 * before it is saved.
 */

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import type { TestOutcome } from "@/lib/channels/connections";
import type { StepFormDefaults } from "@/lib/channels/step-defaults";
import { connectStepSchema } from "@/lib/channels/step-schemas";
import type { SandboxLogin } from "@/lib/sellercloud/sandbox/tenants";
import { testConnectionAction } from "@/lib/server/actions/channel-actions";
import { StepFooter } from "./step-footer";
import { type FormMode, useStepSubmit } from "./use-step-submit";

type Values = z.input<typeof connectStepSchema>;

export function ConnectForm({
  channelId,
  mode,
  initial,
  saved,
  sandboxLogin,
  lastTestResult,
}: {
  channelId: string;
  mode: FormMode;
  initial: StepFormDefaults<"connect">;
  saved: { hasPassword: boolean; hasApiToken: boolean };
  /** This workspace's own sandbox tenant login; null when the sandbox is off. */
  sandboxLogin: SandboxLogin | null;
  lastTestResult: string | null;
}) {
  const { register, handleSubmit, setError, setValue, getValues, trigger, formState } = useForm<Values>({
    resolver: zodResolver(connectStepSchema),
    defaultValues: initial,
  });
  const { submit, formError } = useStepSubmit({ channelId, step: "connect", mode, setError });
  const [advanced, setAdvanced] = useState(Boolean(initial.apiUrl));
  const [testing, setTesting] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const { errors } = formState;

  const fillSandbox = (login: SandboxLogin) => {
    if (!getValues("name")) setValue("name", "SellerCloud sandbox");
    setValue("username", login.username);
    setValue("password", login.password);
    setValue("serverId", "");
    setValue("apiUrl", `${window.location.origin}/sandbox-api/rest`);
    setAdvanced(true);
    setOutcome({ ok: true, message: "Sandbox details filled in. Test the connection, then save it." });
  };

  const runTest = async () => {
    setOutcome(null);
    if (!(await trigger())) return;
    setTesting(true);
    const result = await testConnectionAction({ channelId, values: getValues() });
    setTesting(false);
    if (!result.ok) {
      for (const [field, message] of Object.entries(result.fieldErrors ?? {}))
        setError(field as keyof Values, { message });
      setOutcome({ ok: false, message: result.error });
      return;
    }
    const test: TestOutcome = result.data;
    setOutcome({ ok: test.ok, message: test.message });
  };

  return (
    <form onSubmit={handleSubmit(submit)} noValidate className="space-y-5">
      {formError && <Alert tone="error">{formError}</Alert>}
      {sandboxLogin && (
        <div className="flex flex-wrap items-center gap-3 rounded-lg border border-brand-100 bg-brand-50 p-4 text-sm text-brand-800">
          <p className="flex-1">
            No SellerCloud account? Try everything against Conduit’s built-in SellerCloud sandbox: this workspace gets
            its own copy, with orders from the last few days.
          </p>
          <Button variant="secondary" onClick={() => fillSandbox(sandboxLogin)}>
            Use the sandbox
          </Button>
        </div>
      )}
      <Field
        id="name"
        label="Connection name"
        error={errors.name?.message}
        hint="A name for this SellerCloud login, e.g. “Main SellerCloud account”."
      >
        <TextInput id="name" autoComplete="off" invalid={!!errors.name} {...register("name")} />
      </Field>
      <Field
        id="username"
        label="Username"
        error={errors.username?.message}
        hint="The SellerCloud user the API calls run as."
      >
        <TextInput id="username" autoComplete="off" invalid={!!errors.username} {...register("username")} />
      </Field>
      <Field
        id="password"
        label="Password"
        error={errors.password?.message}
        hint={
          saved.hasPassword
            ? "A password is saved. Leave this blank to keep it."
            : "Stored encrypted; never shown again."
        }
      >
        <TextInput
          id="password"
          type="password"
          autoComplete="new-password"
          placeholder={saved.hasPassword ? "•••••••• saved" : undefined}
          invalid={!!errors.password}
          {...register("password")}
        />
      </Field>
      <Field
        id="serverId"
        label="Server ID"
        error={errors.serverId?.message}
        hint="The first part of your SellerCloud address: for https://acme.api.sellercloud.com it is “acme”."
      >
        <TextInput id="serverId" autoComplete="off" invalid={!!errors.serverId} {...register("serverId")} />
      </Field>
      <Field
        id="apiToken"
        label="API token (optional)"
        error={errors.apiToken?.message}
        hint={
          saved.hasApiToken
            ? "A token is saved. Leave this blank to keep it."
            : "Only if SellerCloud gave you a pre-issued token."
        }
      >
        <TextInput
          id="apiToken"
          type="password"
          autoComplete="off"
          placeholder={saved.hasApiToken ? "•••••••• saved" : undefined}
          invalid={!!errors.apiToken}
          {...register("apiToken")}
        />
      </Field>
      {saved.hasApiToken && (
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" {...register("clearApiToken")} /> Remove the saved API token
        </label>
      )}
      <div>
        <button
          type="button"
          className="text-sm font-medium text-brand-700 underline"
          aria-expanded={advanced}
          aria-controls="advanced-connection"
          onClick={() => setAdvanced((v) => !v)}
        >
          {advanced ? "Hide advanced" : "Advanced: use a full API URL"}
        </button>
        <div id="advanced-connection" hidden={!advanced} className="mt-3">
          <Field
            id="apiUrl"
            label="API URL"
            error={errors.apiUrl?.message}
            hint="Overrides the Server ID, e.g. https://acme.api.sellercloud.com/rest"
          >
            <TextInput id="apiUrl" autoComplete="off" invalid={!!errors.apiUrl} {...register("apiUrl")} />
          </Field>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" onClick={runTest} disabled={testing || formState.isSubmitting}>
          {testing ? "Testing…" : "Test Connection"}
        </Button>
        {lastTestResult && !outcome && <p className="text-sm text-slate-600">Last test: {lastTestResult}</p>}
      </div>
      <div aria-live="polite">
        {outcome && (
          <Alert tone={outcome.ok ? "success" : "error"} title={outcome.ok ? undefined : "The connection did not work"}>
            {outcome.message}
          </Alert>
        )}
      </div>
      <StepFooter
        channelId={channelId}
        step="connect"
        mode={mode}
        submitting={formState.isSubmitting}
        submitLabel={mode === "settings" ? "Save Connection" : "Save Connection & Next"}
      />
    </form>
  );
}
