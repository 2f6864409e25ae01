import { Alert } from "@/components/ui/alert";
import type { PricedItem } from "@/lib/channels/pricing";
import { OPERATION_LABELS } from "@/lib/channels/settings";
import {
  type ChannelState,
  isOperationEnabled,
  missingRequiredSteps,
  type StepId,
  WIZARD_STEPS,
} from "@/lib/channels/wizard";
import { ActivateButton } from "./activate-button";
import { ChannelSummary } from "./channel-summary";
import { ConnectForm } from "./connect-form";
import { DetailsForm } from "./details-form";
import { IntegrationForm } from "./integration-form";
import { LinkSettingsForm } from "./link-settings-form";
import { ListingsForm } from "./listings-form";
import { OperationsForm } from "./operations-form";
import { OrdersForm } from "./orders-form";
import { PricingForm } from "./pricing-form";
import { SchedulesForm } from "./schedules-form";
import { ShippingForm } from "./shipping-form";
import type { FormMode } from "./use-step-submit";

export interface StepContentProps {
  channel: ChannelState;
  step: StepId;
  mode: FormMode;
  sandboxEnabled: boolean;
  preview: { items: PricedItem[]; isSample: boolean };
}

/** One step's form, filled with what is saved. The same forms serve setup and later editing. */
export function StepContent({ channel, step, mode, sandboxEnabled, preview }: StepContentProps) {
  const id = channel.id;
  const s = channel.settings;
  switch (step) {
    case "details":
      return <DetailsForm channelId={id} mode={mode} initial={{ name: channel.name }} />;
    case "integration":
      return (
        <IntegrationForm
          channelId={id}
          mode={mode}
          initial={{ integrationType: (channel.integrationType as "sellercloud" | null) ?? "sellercloud" }}
        />
      );
    case "connect": {
      const c = channel.connection;
      return (
        <ConnectForm
          channelId={id}
          mode={mode}
          sandboxEnabled={sandboxEnabled}
          lastTestResult={c?.lastTestResult ?? null}
          saved={{ hasPassword: c?.hasPassword ?? false, hasApiToken: c?.hasApiToken ?? false }}
          // Secrets are never sent back: the password and token fields start empty.
          initial={{
            name: c?.name ?? "",
            username: c?.username ?? "",
            password: "",
            serverId: c?.serverId ?? "",
            apiUrl: c?.apiUrl ?? "",
            apiToken: "",
            clearApiToken: false,
          }}
        />
      );
    }
    case "operations":
      return (
        <OperationsForm
          channelId={id}
          mode={mode}
          initial={{
            operations: channel.operations.length
              ? channel.operations.filter((o) => o.enabled).map((o) => o.operation)
              : ["link_listings", "get_orders", "sync_orders"],
          }}
        />
      );
    case "listings":
      return (
        <ListingsForm
          channelId={id}
          mode={mode}
          initial={s.listingManagement ?? { scope: "all", values: [], autoLinkNew: true }}
        />
      );
    case "pricing":
      return (
        <PricingForm channelId={id} mode={mode} initial={s.pricing} items={preview.items} isSample={preview.isSample} />
      );
    case "linking":
      return (
        <>
          {!isOperationEnabled(channel, "link_listings") && (
            <Alert tone="info">
              Link Listings is not enabled, so this step is optional. The company chosen here is also offered for
              orders.
            </Alert>
          )}
          <LinkSettingsForm
            channelId={id}
            mode={mode}
            initial={s.link ?? {}}
            optional={!WIZARD_STEPS.linking.isRequired(channel)}
          />
        </>
      );
    case "shipping":
      return <ShippingForm channelId={id} mode={mode} initial={{ mappings: s.shippingMappings }} />;
    case "orders":
      return (
        <>
          {!isOperationEnabled(channel, "get_orders") && (
            <Alert tone="info">Get Orders is not enabled, so this step is optional.</Alert>
          )}
          <OrdersForm
            channelId={id}
            mode={mode}
            syncOrdersEnabled={isOperationEnabled(channel, "sync_orders")}
            optional={!WIZARD_STEPS.orders.isRequired(channel)}
            initial={s.orders ?? (s.link ? { companyId: s.link.companyId } : {})}
          />
        </>
      );
    case "schedules":
      return (
        <SchedulesForm
          channelId={id}
          mode={mode}
          initial={channel.operations
            .filter((o) => o.enabled)
            .map((o) => ({ operation: o.operation, schedule: o.schedule }))}
        />
      );
    case "review": {
      const missing = missingRequiredSteps(channel);
      return (
        <div className="space-y-5">
          <ChannelSummary channel={channel} base={mode} />
          {missing.length > 0 ? (
            <Alert tone="warning" title="Before you can activate">
              Finish: {missing.map((m) => WIZARD_STEPS[m.id].title).join(", ")}.
            </Alert>
          ) : (
            <Alert tone="info">
              Activating starts the schedules you chose (
              {channel.operations
                .filter((o) => o.enabled)
                .map((o) => OPERATION_LABELS[o.operation])
                .join(", ")}
              ). You can change everything later from the channel’s settings.
            </Alert>
          )}
          <ActivateButton channelId={id} disabled={missing.length > 0} />
        </div>
      );
    }
  }
}
