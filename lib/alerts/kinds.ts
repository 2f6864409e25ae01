/**
 * The alert kinds (issue 17): the webhook event types of lib/webhooks/event-types.ts, one list,
 * since every alert also goes out as the webhook event of its kind. Client-safe (that module
 * imports nothing), so components use these names and labels too.
 */
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/event-types";

export const ALERT_KINDS = WEBHOOK_EVENT_TYPES;
export type AlertKind = (typeof ALERT_KINDS)[number];

export function isAlertKind(value: unknown): value is AlertKind {
  return typeof value === "string" && (ALERT_KINDS as readonly string[]).includes(value);
}

/** How much an alert matters: failures need a person now, warnings soon, info never. */
export type AlertSeverity = "failure" | "warning" | "info";

export const ALERT_KIND_INFO: Record<AlertKind, { label: string; severity: AlertSeverity; description: string }> = {
  "run.failed": {
    label: "A run failed",
    severity: "failure",
    description: "A run stopped on an error, or finished with items that failed.",
  },
  "shipments.failed": {
    label: "Shipments need a person",
    severity: "failure",
    description: "Sync Orders could not send shipments to SellerCloud and will not try them again by itself.",
  },
  "shipping.unmapped": {
    label: "Unmapped carrier or service",
    severity: "warning",
    description: "A shipment's carrier or service has no SellerCloud carrier in the channel's shipping mappings.",
  },
  "connection.refused": {
    label: "SellerCloud refused the login",
    severity: "failure",
    description: "SellerCloud refused a connection's username, password or token.",
  },
  "budget.nearly_spent": {
    label: "SellerCloud budget nearly spent",
    severity: "warning",
    description: "A SellerCloud login used 90% or more of its calls this hour; runs wait for the budget.",
  },
  "retention.cleared": {
    label: "Personal data cleared",
    severity: "info",
    description: "Personal data of shipped orders was cleared, as the channel's retention setting asks.",
  },
};

/** How a member hears of an alert kind: a mail at once, in the hourly digest, or not at all. */
export const ALERT_MODES = ["immediate", "digest", "off"] as const;
export type AlertMode = (typeof ALERT_MODES)[number];

export const ALERT_MODE_LABELS: Record<AlertMode, string> = {
  immediate: "Email at once",
  digest: "Hourly digest",
  off: "Off",
};

export function isAlertMode(value: unknown): value is AlertMode {
  return typeof value === "string" && (ALERT_MODES as readonly string[]).includes(value);
}
