import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/server/session";

export const metadata: Metadata = { title: "Channels" };

export default async function ChannelsPage() {
  await requireSession();
  return (
    <>
      <PageHeader title="Sales channels" description="Each channel connects this workspace to one SellerCloud company." />
      <EmptyState title="No channels yet">
        Create a SellerCloud channel to link your listings, import orders and send tracking numbers back. The setup
        takes ten short steps, and you can try it against the built-in SellerCloud sandbox first.
      </EmptyState>
    </>
  );
}
