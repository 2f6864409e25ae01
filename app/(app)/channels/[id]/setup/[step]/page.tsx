/** A setup wizard step page (/channels/<id>/setup/<step>) of a draft channel. */

import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { StepPage } from "@/components/channels/step-page";
import { canOpenStep, furthestReachableStep, isStepId, WIZARD_STEPS } from "@/lib/channels/wizard";
import { can } from "@/lib/members/permissions";
import { requireChannelPage } from "@/lib/server/channel-pages";
import { loadStepExtras } from "@/lib/server/step-page-data";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string; step: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { step } = await params;
  return { title: isStepId(step) ? `${WIZARD_STEPS[step].title} · Channel setup` : "Channel setup" };
}

export default async function SetupStepPage({ params }: { params: Params }) {
  const { id, step } = await params;
  const { session, channel } = await requireChannelPage(id);
  if (!isStepId(step)) notFound();
  // Credentials only for roles that manage connections; the other steps for roles that manage channels.
  if (!can(session.role, step === "connect" ? "connections.credentials" : "channels.manage")) notFound();
  // After activation the same forms live under the channel's settings.
  if (channel.status !== "draft") redirect(step === "review" ? `/channels/${id}` : `/channels/${id}/settings/${step}`);
  // A deep link cannot skip a required step: go to the first one still missing.
  if (!canOpenStep(channel, step)) redirect(`/channels/${id}/setup/${furthestReachableStep(channel)}`);
  const extras = await loadStepExtras(session.workspaceId, channel, step);
  return <StepPage channel={channel} step={step} mode="setup" {...extras} />;
}
