/** The order page's line on personal data: when it will be cleared, or that it is kept. */

import Link from "next/link";
import { formatDateTime } from "@/components/runs/format";
import type { PersonalDataClearing } from "@/lib/orders/retention";

/**
 * The order page's line on personal data: when it will be cleared under the channel's retention
 * setting (lib/orders/retention.ts personalDataClearing), or that it is kept. A clearing that
 * happened is the page's own alert.
 */
export function RetentionNote({
  clearing,
  channelId,
  now,
}: {
  clearing: PersonalDataClearing;
  channelId: string;
  now: Date;
}) {
  if (clearing.kind === "cleared") return null;
  const setting = (
    <Link href={`/channels/${channelId}/settings/orders`} className="text-brand-700 underline">
      the channel’s retention setting
    </Link>
  );
  let text: React.ReactNode;
  if (clearing.kind === "kept") text = <>Personal data of this order is kept: {setting} is “Keep”.</>;
  else if (clearing.kind === "after_shipment")
    text = (
      <>
        Personal data of this order will be cleared {clearing.days} days after it ships ({setting}).
      </>
    );
  else if (clearing.dueAt.getTime() <= now.getTime())
    text = (
      <>
        Personal data of this order is due to be cleared ({clearing.days} days after shipment, {setting}): the daily
        clearing removes it on its next pass.
      </>
    );
  else
    text = (
      <>
        Personal data of this order will be cleared on {formatDateTime(clearing.dueAt.toISOString())}, {clearing.days}{" "}
        days after shipment ({setting}).
      </>
    );
  return (
    <p className="text-sm text-slate-700" data-testid="retention-note">
      {text} Names, addresses, phone numbers and emails are removed; totals, items and IDs stay.
    </p>
  );
}
