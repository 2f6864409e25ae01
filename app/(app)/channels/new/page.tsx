import type { Metadata } from "next";
import Link from "next/link";
import { CreateChannelForm } from "@/components/channels/details-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/server/session";

export const metadata: Metadata = { title: "Create channel" };
export const dynamic = "force-dynamic";

export default async function NewChannelPage() {
  await requireSession();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/channels" className="text-brand-700 underline">
          ← Sales channels
        </Link>
      </p>
      <PageHeader
        title="Create channel"
        description="Step 1 of 11 · Basic details. Name the channel; you can change the name later."
      />
      <div className="max-w-xl rounded-lg border border-slate-200 bg-white p-5">
        <CreateChannelForm />
      </div>
    </>
  );
}
