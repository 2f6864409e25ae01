/** /channels/<id>/setup: resumes a draft channel's setup at its saved step. */

import { redirect } from "next/navigation";
import { resumeStep } from "@/lib/channels/wizard";
import { requireChannelPage } from "@/lib/server/channel-pages";

export const dynamic = "force-dynamic";

/** "Continue setup": the step the user was on, saved on the server. */
export default async function ResumeSetupPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { channel } = await requireChannelPage(id);
  if (channel.status !== "draft") redirect(`/channels/${id}`);
  redirect(`/channels/${id}/setup/${resumeStep(channel)}`);
}
