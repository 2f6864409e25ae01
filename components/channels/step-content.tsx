/** One wizard step's body: STEP_FORMS, each step's form by step id, given the saved values it starts with. */

import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import type { PricedItem } from "@/lib/channels/pricing";
import { OPERATION_LABELS } from "@/lib/channels/settings";
import { type StepFormDefaults, stepFormDefaults } from "@/lib/channels/step-defaults";
import {
  type ChannelState,
  isOperationEnabled,
  missingRequiredSteps,
  type StepId,
  WIZARD_STEPS,
} from "@/lib/channels/wizard";
import type { SandboxLogin } from "@/lib/sellercloud/sandbox/tenants";
import { ActivateButton } from "./activate-button";
import { ChannelSummary } from "./channel-summary";
import {
  ConnectForm,
  DetailsForm,
  IntegrationForm,
  LinkSettingsForm,
  ListingsForm,
  OperationsForm,
  OrdersForm,
  PricingForm,
  SchedulesForm,
  ShippingForm,
} from "./step-forms";
import type { FormMode } from "./use-step-submit";

export interface StepContentProps {
  channel: ChannelState;
  step: StepId;
  mode: FormMode;
  /** The workspace's own sandbox login ("Use the sandbox"), null when the sandbox is off. */
  sandboxLogin: SandboxLogin | null;
  preview: { items: PricedItem[]; isSample: boolean };
}

/** What a step's form gets: the page's props and its starting values (lib/channels/step-defaults.ts). */
type StepFormProps<K extends StepId> = Omit<StepContentProps, "step"> & { initial: StepFormDefaults<K> };

/**
 * Each step's form, by step id (the wizard's table is in lib/channels/wizard.ts; a step missing
 * here is a type error). The same forms serve setup and later editing.
 */
const STEP_FORMS: { [K in StepId]: (props: StepFormProps<K>) => ReactNode } = {
  details: ({ channel, mode, initial }) => <DetailsForm channelId={channel.id} mode={mode} initial={initial} />,
  integration: ({ channel, mode, initial }) => <IntegrationForm channelId={channel.id} mode={mode} initial={initial} />,
  connect: ({ channel, mode, initial, sandboxLogin }) => {
    const c = channel.connection;
    return (
      <ConnectForm
        channelId={channel.id}
        mode={mode}
        sandboxLogin={sandboxLogin}
        lastTestResult={c?.lastTestResult ?? null}
        saved={{ hasPassword: c?.hasPassword ?? false, hasApiToken: c?.hasApiToken ?? false }}
        initial={initial}
      />
    );
  },
  operations: ({ channel, mode, initial }) => <OperationsForm channelId={channel.id} mode={mode} initial={initial} />,
  listings: ({ channel, mode, initial }) => <ListingsForm channelId={channel.id} mode={mode} initial={initial} />,
  pricing: ({ channel, mode, initial, preview }) => (
    <PricingForm
      channelId={channel.id}
      mode={mode}
      initial={initial}
      items={preview.items}
      isSample={preview.isSample}
      pushEnabled={isOperationEnabled(channel, "sync_prices")}
    />
  ),
  linking: ({ channel, mode, initial }) => (
    <>
      {!isOperationEnabled(channel, "link_listings") && (
        <Alert tone="info">
          Link Listings is not enabled, so this step is optional. The company chosen here is also offered for orders.
        </Alert>
      )}
      <LinkSettingsForm
        channelId={channel.id}
        mode={mode}
        initial={initial}
        optional={!WIZARD_STEPS.linking.isRequired(channel)}
      />
    </>
  ),
  shipping: ({ channel, mode, initial }) => <ShippingForm channelId={channel.id} mode={mode} initial={initial} />,
  orders: ({ channel, mode, initial }) => (
    <>
      {!isOperationEnabled(channel, "get_orders") && (
        <Alert tone="info">Get Orders is not enabled, so this step is optional.</Alert>
      )}
      <OrdersForm
        channelId={channel.id}
        mode={mode}
        syncOrdersEnabled={isOperationEnabled(channel, "sync_orders")}
        optional={!WIZARD_STEPS.orders.isRequired(channel)}
        initial={initial}
      />
    </>
  ),
  schedules: ({ channel, mode, initial }) => <SchedulesForm channelId={channel.id} mode={mode} initial={initial} />,
  review: ({ channel, mode }) => {
    const missing = missingRequiredSteps(channel);
    return (
      <div className="space-y-5">
        <ChannelSummary channel={channel} base={mode} />
        {missing.length > 0 ? (
          <Alert tone="warning" title="Before you can activate">
            Finish: {missing.map((m) => m.title).join(", ")}.
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
        <ActivateButton channelId={channel.id} disabled={missing.length > 0} />
      </div>
    );
  },
};

function renderStep<K extends StepId>(step: K, props: StepContentProps): ReactNode {
  return STEP_FORMS[step]({ ...props, initial: stepFormDefaults(step, props.channel) });
}

/** One step's form, filled with what is saved. */
export function StepContent(props: StepContentProps) {
  return renderStep(props.step, props);
}
