import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/server/session";

export const metadata: Metadata = { title: "Runs" };

export default async function RunsPage() {
  await requireSession();
  return (
    <>
      <PageHeader title="Runs" description="Every Link Listings, Get Orders and Sync Orders run, newest first." />
      <EmptyState title="No runs yet">
        A run is recorded each time an operation works, on demand or on its schedule. Start one with “Run now” on a
        channel, and follow its progress here.
      </EmptyState>
    </>
  );
}
