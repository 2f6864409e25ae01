"use client";

import { useQuery } from "@tanstack/react-query";
import { forwardRef, type SelectHTMLAttributes } from "react";
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
  const hint = companies.isPending
    ? "Loading the companies your SellerCloud login can see…"
    : companies.isError
      ? undefined
      : "Only companies your SellerCloud login can see are listed.";
  return (
    <div className="space-y-2">
      <Field id="companyId" label="SellerCloud company" error={error} hint={hint}>
        <SelectInput id="companyId" ref={ref} invalid={!!error} disabled={companies.isPending} {...props}>
          <option value="">Choose a company…</option>
          {companies.data?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} (ID {c.id}){c.isDefault ? " – default" : ""}
            </option>
          ))}
          {currentId && !companies.data?.some((c) => c.id === currentId) && <option value={currentId}>Company {currentId}</option>}
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
