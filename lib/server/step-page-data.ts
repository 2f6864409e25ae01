/**
 * loadStepExtras: the data a channel wizard step page needs besides the channel (sandbox login,
 * pricing preview rows).
 */
import { getDb } from "@/db/index";
import { listPreviewItems } from "@/lib/channels/preview";
import { type PricedItem, SAMPLE_PRICED_ITEMS } from "@/lib/channels/pricing";
import type { ChannelState, StepId } from "@/lib/channels/wizard";
import { workspaceSandboxLogin } from "@/lib/sellercloud/sandbox/app-sandbox";

/** What a step page needs besides the channel: the workspace's sandbox login (null when the sandbox is off) and the pricing preview rows. */
export async function loadStepExtras(workspaceId: string, channel: ChannelState, step: StepId) {
  let preview: { items: PricedItem[]; isSample: boolean } = { items: [], isSample: false };
  if (step === "pricing") {
    const own = await listPreviewItems(await getDb(), workspaceId, channel.settings.listingManagement);
    preview = own === null ? { items: SAMPLE_PRICED_ITEMS, isSample: true } : { items: own, isSample: false };
  }
  return { sandboxLogin: workspaceSandboxLogin(workspaceId), preview };
}
