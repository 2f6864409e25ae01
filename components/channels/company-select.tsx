"use client";

/** The SellerCloud company picker of the link and order settings, fetched through the channel's connection. */

import { useQuery } from "@tanstack/react-query";
import { forwardRef, type SelectHTMLAttributes, useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Field, SelectInput } from "@/components/ui/field";
import { listCompaniesAction } from "@/lib/server/actions/channel-actions";

export function useCompanies(channelId: string) {
  return useQuery({
    queryKey: ["sellercloud", channelId, "companies"],
    queryFn: async () => {
      const result = await listCompaniesAction({ channelId });
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    retry: false,
  });
}

/** The SellerCloud companies this connection can see, fetched through it; the server checks the choice again. */
export const CompanySelect = forwardRef<
  HTMLSelectElement,
  SelectHTMLAttributes<HTMLSelectElement> & { channelId: string; error?: string; currentId?: number | null }
>(function CompanySelect({ channelId, error, currentId, ...props }, ref) {
  const companies = useCompanies(channelId);
  const local = useRef<HTMLSelectElement | null>(null);
  // Options arrive after the form set its saved value; show that value once they exist.
  useEffect(() => {
    if (companies.data && currentId && local.current && !local.current.value) local.current.value = String(currentId);
  }, [companies.data, currentId]);
  // The saved company keeps the same keyed <option> while the list loads, so the browser keeps it selected.
  const options = (companies.data ?? []).map((c) => ({
    id: c.id,
    label: `${c.name} (ID ${c.id})${c.isDefault ? " – default" : ""}`,
  }));
  if (currentId && !options.some((o) => o.id === currentId)) {
    options.push({
      id: currentId,
      label: companies.data ? `Company ${currentId} (not visible to this login)` : `Company ${currentId}`,
    });
  }
  const hint = companies.isPending
    ? "Loading the companies your SellerCloud login can see…"
    : companies.isError
      ? undefined
      : "Only companies your SellerCloud login can see are listed.";
  return (
    <div className="space-y-2">
      <Field id="companyId" label="SellerCloud company" error={error} hint={hint}>
        <SelectInput
          id="companyId"
          ref={(node) => {
            local.current = node;
            if (typeof ref === "function") ref(node);
            else if (ref) ref.current = node;
          }}
          invalid={!!error}
          disabled={companies.isPending}
          {...props}
        >
          <option value="">Choose a company…</option>
          {options.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </SelectInput>
      </Field>
      {companies.isError && (
        <div role="alert" className="flex flex-wrap items-center gap-3 text-sm text-red-700">
          {companies.error.message}
          <Button variant="secondary" onClick={() => companies.refetch()}>
            Try again
          </Button>
        </div>
      )}
    </div>
  );
});
