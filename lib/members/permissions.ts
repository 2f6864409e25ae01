/**
 * What each workspace role may do: one table by capability, read by the server checks
 * (authedAction and jsonRoute in lib/server/handle.ts, page guards) and by the UI to hide what a
 * role cannot use. The UI hiding is a courtesy; the server check is the rule.
 *
 * Roles (issue 17): Owner (everything, including deleting the workspace and managing owners),
 * Admin (channels, connections, templates, members below owner, API keys, webhooks), Operator (run
 * operations, record shipments, retry, edit mapping sets and the catalog; no credentials, no
 * members), Viewer (read only).
 */
import { AppError } from "@/lib/errors";

export const ROLES = ["owner", "admin", "operator", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  operator: "Operator",
  viewer: "Viewer",
};

/** One line per role for the Members page and the invite form. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: "Everything, including managing owners and deleting the workspace.",
  admin: "Channels, connections, templates, API keys, webhooks and members below owner.",
  operator: "Runs operations, records shipments, retries, edits mapping sets and the catalog.",
  viewer: "Reads everything except credentials and members; changes nothing.",
};

const ALL: readonly Role[] = ROLES;
const MANAGERS: readonly Role[] = ["owner", "admin"];
const WORKERS: readonly Role[] = ["owner", "admin", "operator"];
const OWNERS: readonly Role[] = ["owner"];

/**
 * Capability → the roles that have it. Add a capability here (never a role check by name in an
 * action) when a new kind of action appears; the role-matrix test reads this table.
 */
export const PERMISSIONS = {
  /** Anything a signed-in person does to their own account or membership (profile, switch, leave). */
  "account.self": ALL,
  /** Read the workspace's pages and data (channels, catalog, orders, runs, settings without secrets). */
  "workspace.read": ALL,
  /** Create, configure, pause, activate and delete channels (wizard steps, schedules, shipping mappings). */
  "channels.manage": MANAGERS,
  /** See and change a channel's SellerCloud connection (credentials, Test Connection, sandbox reset). */
  "connections.credentials": MANAGERS,
  /** Create, edit, activate and delete mapping templates. */
  "templates.edit": MANAGERS,
  /** Create, edit and delete the workspace's mapping sets. */
  "mappingSets.edit": WORKERS,
  /** Start, cancel and retry runs (Run now, Full re-check, Retry failed items). */
  "runs.start": WORKERS,
  /** Record shipments (form and CSV upload) and retry failed ones. */
  "shipments.record": WORKERS,
  /** Import the catalog, load the demo catalog, delete catalog rows. */
  "catalog.edit": WORKERS,
  /** Invite, remove and change the role of members below owner (owners: everyone). */
  "members.manage": MANAGERS,
  /** Invite owners, make someone an owner, change or remove another owner. */
  "owners.manage": OWNERS,
  /** Create and revoke API keys. */
  "apiKeys.manage": MANAGERS,
  /** Create, edit, test and delete webhooks; see their delivery log. */
  "webhooks.manage": MANAGERS,
  /** Create and edit vendors, their keys and webhook secrets, and channels' routing rules (issue 18). */
  "vendors.manage": MANAGERS,
  /** Read and export the audit log. */
  "audit.read": MANAGERS,
  /** Read the local mail outbox (mails held when no SMTP server is configured). */
  "outbox.read": OWNERS,
  /** Rename or delete the workspace. */
  "workspace.delete": OWNERS,
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof PERMISSIONS;
export const CAPABILITIES = Object.keys(PERMISSIONS) as Capability[];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Whether `role` has `capability`. An unknown role (a hand-edited row) has none. */
export function can(role: Role | string | null | undefined, capability: Capability): boolean {
  return isRole(role) && (PERMISSIONS[capability] as readonly Role[]).includes(role);
}

/** Every capability the role has, for the browser (components read it through a context). */
export function capabilitiesOf(role: Role): Capability[] {
  return CAPABILITIES.filter((c) => can(role, c));
}

/**
 * Throws FORBIDDEN (403) with a plain message naming the role when `role` lacks `capability`.
 * Errors: AppError FORBIDDEN.
 */
export function requireCapability(role: Role | string, capability: Capability): void {
  if (can(role, capability)) return;
  const named = isRole(role) ? ` (${ROLE_LABELS[role]})` : "";
  throw new AppError(
    "FORBIDDEN",
    `Your role${named} does not allow this. Ask an owner or admin of the workspace if you need it.`,
  );
}

/** Roles ordered from most to least powerful (owner 0 … viewer 3). */
export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}
