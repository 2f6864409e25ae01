/** The new channel page (/channels/new): the wizard's first step, which creates the draft. */

import type { Metadata } from "next";
import Link from "next/link";
import { CreateChannelForm } from "@/components/channels/details-form";
import { PageHeader } from "@/components/ui/page-header";
import { STEP_IDS, stepNumber, WIZARD_STEPS } from "@/lib/channels/wizard";
import { requirePageCapability } from "@/lib/server/session";

export const metadata: Metadata = { title: "Create channel" };
export const dynamic = "force-dynamic";

export default async function NewChannelPage() {
  await requirePageCapability("channels.manage");
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/channels" className="text-brand-700 underline">
          ← Sales channels
        </Link>
      </p>
      <PageHeader
        title="Create channel"
        description={`Step ${stepNumber("details")} of ${STEP_IDS.length} · ${WIZARD_STEPS.details.title}. Name the channel; you can change the name later.`}
      />
      <div className="max-w-xl rounded-lg border border-slate-200 bg-white p-5">
        <CreateChannelForm />
      </div>
    </>
  );
}
