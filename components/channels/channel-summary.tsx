/**
 * A channel's whole configuration, one section per wizard step with an Edit link (the Review step
 * and the channel page).
 */

import Link from "next/link";
import type { ReactNode } from "react";
import { IfCan } from "@/components/shell/role-context";
import { OPERATION_LABELS, tenantTimeZone } from "@/lib/channels/settings";
import { type ChannelState, type StepId, WIZARD_STEPS } from "@/lib/channels/wizard";
import { findIntegrationType } from "@/lib/integrations/registry";
import { describeSchedule } from "@/lib/operations/schedule";
import { DROPSHIP_STATUS_LABELS, ORDER_STATUS_LABELS } from "@/lib/sellercloud/enums";
import { pairLabel } from "./pair-labels";

function Section({
  step,
  channel,
  base,
  children,
}: {
  step: StepId;
  channel: ChannelState;
  base: "setup" | "settings";
  children: ReactNode;
}) {
  const def = WIZARD_STEPS[step];
  const titleId = `summary-${step}`;
  return (
    <section aria-labelledby={titleId} className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="mb-2 flex items-center justify-between gap-3">
        <h2 id={titleId} className="text-base font-semibold text-slate-900">
          {def.title}
        </h2>
        <IfCan capability={step === "connect" ? "connections.credentials" : "channels.manage"}>
          <Link
            href={`/channels/${channel.id}/${base}/${step}`}
            className="text-sm font-medium text-brand-700 underline"
            aria-label={`Edit ${def.title}`}
          >
            Edit
          </Link>
        </IfCan>
      </div>
      <div className="text-sm text-slate-700">{children}</div>
    </section>
  );
}

const notSet = <span className="text-slate-500">Not set</span>;
const statusName = (code: number) => ORDER_STATUS_LABELS[code] ?? `Status ${code}`;

/** Everything a channel is configured with, one section per step, each with an Edit link. */
export function ChannelSummary({ channel, base }: { channel: ChannelState; base: "setup" | "settings" }) {
  const s = channel.settings;
  const enabled = channel.operations.filter((o) => o.enabled);
  const pricing = s.pricing;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Section step="details" channel={channel} base={base}>
        <p>
          Name: <strong>{channel.name}</strong>
        </p>
      </Section>
      <Section step="integration" channel={channel} base={base}>
        <p>{findIntegrationType(channel.integrationType)?.name ?? notSet}</p>
      </Section>
      <Section step="connect" channel={channel} base={base}>
        {channel.connection ? (
          <ul className="space-y-0.5">
            <li>Connection: {channel.connection.name}</li>
            <li>Username: {channel.connection.username || "—"}</li>
            <li>
              {channel.connection.apiUrl
                ? `API URL: ${channel.connection.apiUrl}`
                : `Server ID: ${channel.connection.serverId ?? "—"}`}
            </li>
            <li>
              Password: {channel.connection.hasPassword ? "saved (encrypted)" : "none"} · API token:{" "}
              {channel.connection.hasApiToken ? "saved (encrypted)" : "none"}
            </li>
            {channel.connection.lastTestResult && <li>Last test: {channel.connection.lastTestResult}</li>}
          </ul>
        ) : (
          notSet
        )}
      </Section>
      <Section step="operations" channel={channel} base={base}>
        {enabled.length ? enabled.map((o) => OPERATION_LABELS[o.operation]).join(", ") : notSet}
      </Section>
      <Section step="listings" channel={channel} base={base}>
        {s.listingManagement ? (
          <p>
            {s.listingManagement.scope === "all"
              ? "All listings"
              : `${{ brand: "Brands", tag: "Tags", sku_prefix: "SKU prefixes" }[s.listingManagement.scope]}: ${s.listingManagement.values.join(", ")}`}
            {" · "}
            {s.listingManagement.autoLinkNew
              ? "new listings linked automatically"
              : "new listings not linked automatically"}
          </p>
        ) : (
          <p>Skipped: all listings, new listings linked automatically.</p>
        )}
      </Section>
      <Section step="pricing" channel={channel} base={base}>
        {pricing ? (
          <p>
            Price:{" "}
            {
              {
                price: "listing price",
                cost_markup_percent: `cost + ${pricing.price.amount}%`,
                cost_markup_flat: `cost + $${pricing.price.amount}`,
                msrp_discount_percent: `MSRP − ${pricing.price.amount}%`,
              }[pricing.price.base]
            }
            {pricing.price.roundTo99 ? ", rounded to .99" : ""}. Quantity: {pricing.quantity.percentOfStock}% of stock,
            buffer {pricing.quantity.buffer}
            {pricing.quantity.max !== null ? `, at most ${pricing.quantity.max}` : ""}. (Not yet sent to SellerCloud.)
          </p>
        ) : (
          <p>Skipped: listing prices and full stock (not yet sent to SellerCloud).</p>
        )}
      </Section>
      <Section step="linking" channel={channel} base={base}>
        {s.link ? (
          <>
            <p>
              Company ID {s.link.companyId} · {s.link.mode === "default" ? "Default priority" : "Custom priority"}
            </p>
            <ol className="mt-1 list-decimal pl-5" data-testid="summary-priority">
              {s.link.priority.map((p) => (
                <li key={`${p.listingField}:${p.sellercloudField}`}>{pairLabel(p)}</li>
              ))}
            </ol>
          </>
        ) : (
          notSet
        )}
      </Section>
      <Section step="shipping" channel={channel} base={base}>
        {s.shippingMappings.length ? (
          <ul className="space-y-0.5">
            {s.shippingMappings.map((m) => (
              <li key={`${m.conduitCarrier}|${m.conduitService}`}>
                {m.conduitCarrier}
                {m.conduitService ? ` / ${m.conduitService}` : ""} → {m.sellercloudCarrier} / {m.sellercloudService}
              </li>
            ))}
          </ul>
        ) : (
          <p>No mappings</p>
        )}
      </Section>
      <Section step="orders" channel={channel} base={base}>
        {s.orders ? (
          <p>
            Status {statusName(s.orders.orderStatus)} · dropship{" "}
            {s.orders.dropshipStatus === null
              ? "any"
              : (DROPSHIP_STATUS_LABELS[s.orders.dropshipStatus] ?? s.orders.dropshipStatus)}{" "}
            · company {s.orders.companyId} · last {s.orders.ageDays} days · personal data{" "}
            {s.orders.retention === "keep" ? "kept" : `cleared ${s.orders.retention} days after shipment`} · SellerCloud
            time zone {tenantTimeZone(s.orders)}
          </p>
        ) : (
          notSet
        )}
      </Section>
      <Section step="schedules" channel={channel} base={base}>
        {enabled.length ? (
          <ul className="space-y-0.5">
            {enabled.map((o) => (
              <li key={o.operation}>
                {OPERATION_LABELS[o.operation]}: {describeSchedule(o.schedule)}
                {o.nextRunAt ? ` · next run ${o.nextRunAt.replace("T", " ").slice(0, 16)} UTC` : ""}
              </li>
            ))}
          </ul>
        ) : (
          notSet
        )}
      </Section>
    </div>
  );
}
