/**
 * The words of alert mails: one alert (immediate) and the hourly digest, which groups a member's
 * alerts by kind. Plain text, every link absolute (lib/email/app-url.ts: AUTH_URL).
 */
import { OPERATION_LABELS } from "@/lib/channels/settings";
import { absoluteUrl } from "@/lib/email/app-url";
import { ALERT_KIND_INFO, ALERT_KINDS, type AlertKind } from "./kinds";

/** An alert as stored (db/schema/alerts.ts), the fields mails and webhooks use. */
export interface AlertRecord {
  id: string;
  workspaceId: string;
  kind: AlertKind;
  title: string;
  details: string;
  action: string;
  linkPath: string;
  channelId: string | null;
  channelName: string | null;
  operation: string | null;
  runId: string | null;
  createdAt: Date;
}

export const ALERT_SETTINGS_PATH = "/settings/alerts";

/** "Channel "Acme" · Get Orders · run 1b2c…", or "" when the alert is about the workspace. */
export function alertWhere(alert: Pick<AlertRecord, "channelName" | "operation" | "runId">, operationLabel?: string) {
  return [
    alert.channelName ? `Channel "${alert.channelName}"` : null,
    operationLabel ?? alert.operation,
    alert.runId ? `run ${alert.runId}` : null,
  ]
    .filter(Boolean)
    .join(" · ");
}

const operationLabels: Record<string, string> = OPERATION_LABELS;

function alertBlock(alert: AlertRecord): string[] {
  const where = alertWhere(alert, alert.operation ? operationLabels[alert.operation] : undefined);
  return [
    alert.title,
    `What happened: ${alert.details}`,
    ...(where ? [`Where: ${where}`] : []),
    `What to do: ${alert.action}`,
    `Open: ${absoluteUrl(alert.linkPath)}`,
  ];
}

/** The mail of one alert, sent at once. */
export function immediateAlertMail(alert: AlertRecord, workspaceName: string): { subject: string; text: string } {
  return {
    subject: `[Conduit] ${alert.title}`.slice(0, 200),
    text: [
      ...alertBlock(alert),
      "",
      `Workspace: ${workspaceName}. You get this mail at once because of your setting for "${ALERT_KIND_INFO[alert.kind].label}".`,
      `Change what you get: ${absoluteUrl(ALERT_SETTINGS_PATH)}`,
    ].join("\n"),
  };
}

/** The hourly digest of a member's alerts, grouped by kind in ALERT_KINDS order, oldest first. */
export function digestMail(alerts: readonly AlertRecord[], workspaceName: string): { subject: string; text: string } {
  const lines: string[] = [`${alerts.length} alert${alerts.length === 1 ? "" : "s"} in ${workspaceName}.`];
  for (const kind of ALERT_KINDS) {
    const group = alerts.filter((a) => a.kind === kind).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    if (!group.length) continue;
    lines.push("", `== ${ALERT_KIND_INFO[kind as AlertKind].label} (${group.length}) ==`);
    for (const alert of group) {
      lines.push("", `${alert.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC`);
      lines.push(...alertBlock(alert));
    }
  }
  lines.push("", `Change what you get: ${absoluteUrl(ALERT_SETTINGS_PATH)}`);
  return {
    subject: `[Conduit] ${alerts.length} alert${alerts.length === 1 ? "" : "s"} in ${workspaceName}`.slice(0, 200),
    text: lines.join("\n"),
  };
}

/** The webhook event's data for an alert (the event's type is the alert's kind). */
export function alertWebhookData(alert: AlertRecord): Record<string, unknown> {
  return {
    alertId: alert.id,
    kind: alert.kind,
    severity: ALERT_KIND_INFO[alert.kind].severity,
    title: alert.title,
    details: alert.details,
    action: alert.action,
    url: absoluteUrl(alert.linkPath),
    channel: alert.channelId ? { id: alert.channelId, name: alert.channelName } : null,
    operation: alert.operation,
    runId: alert.runId,
    createdAt: alert.createdAt.toISOString(),
  };
}
