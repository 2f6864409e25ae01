/**
 * What the audit log records (issue 17): the kinds of object whose changes are recorded, with their
 * labels for the Audit log page's filter and its CSV. One list: recordAudit takes only these.
 */

export const AUDIT_OBJECT_TYPES = [
  "channel",
  "connection",
  "mapping_template",
  "mapping_set",
  "schedule",
  "shipping_mapping",
  "member",
  "invite",
  "api_key",
  "webhook",
  "run",
  "vendor",
  "workspace",
] as const;

export type AuditObjectType = (typeof AUDIT_OBJECT_TYPES)[number];

export const AUDIT_OBJECT_LABELS: Record<AuditObjectType, string> = {
  channel: "Channel",
  connection: "Connection",
  mapping_template: "Mapping template",
  mapping_set: "Mapping set",
  schedule: "Schedule",
  shipping_mapping: "Shipping mappings",
  member: "Member",
  invite: "Invite",
  api_key: "API key",
  webhook: "Webhook",
  run: "Run",
  vendor: "Vendor",
  workspace: "Workspace",
};

export function isAuditObjectType(value: unknown): value is AuditObjectType {
  return typeof value === "string" && (AUDIT_OBJECT_TYPES as readonly string[]).includes(value);
}

/** The value a secret field shows in the log: never its content, only that it changed. */
export const SECRET_CHANGED = "changed";
