import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/server/session";

export const metadata: Metadata = { title: "Orders" };

export default async function OrdersPage() {
  await requireSession();
  return (
    <>
      <PageHeader title="Orders" description="Orders imported from SellerCloud by Get Orders." />
      <EmptyState title="No orders yet">
        Orders appear here after a channel with Get Orders enabled runs. Set up a channel first, then choose “Run now” on
        its Get Orders operation, or let its schedule do it.
      </EmptyState>
    </>
  );
}
