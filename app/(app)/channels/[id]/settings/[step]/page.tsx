/** A channel settings step page (/channels/<id>/settings/<step>): a wizard step's form after activation. */

import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { StepPage } from "@/components/channels/step-page";
import { isStepId, WIZARD_STEPS } from "@/lib/channels/wizard";
import { can } from "@/lib/members/permissions";
import { requireChannelPage } from "@/lib/server/channel-pages";
import { loadStepExtras } from "@/lib/server/step-page-data";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string; step: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { step } = await params;
  return { title: isStepId(step) ? `${WIZARD_STEPS[step].title} · Channel settings` : "Channel settings" };
}

/** Editing a channel after activation, with the same forms as the wizard. */
export default async function ChannelSettingsStepPage({ params }: { params: Params }) {
  const { id, step } = await params;
  const { session, channel } = await requireChannelPage(id);
  if (!isStepId(step)) notFound();
  // Credentials only for roles that manage connections; the other steps for roles that manage channels.
  if (!can(session.role, step === "connect" ? "connections.credentials" : "channels.manage")) notFound();
  if (channel.status === "draft") redirect(`/channels/${id}/setup/${step}`);
  if (step === "review") redirect(`/channels/${id}`);
  const extras = await loadStepExtras(session.workspaceId, channel, step);
  return <StepPage channel={channel} step={step} mode="settings" {...extras} />;
}
