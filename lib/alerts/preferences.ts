/**
 * Members' alert choices: per workspace, member and kind, "immediate", "digest" or "off". Without
 * a saved choice the role decides (DEFAULT_MODES): owners and admins get failures at once and the
 * rest in the hourly digest; operators get failures and warnings in the digest; viewers nothing.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, users } from "@/db/schema/accounts";
import { alertPreferences } from "@/db/schema/alerts";
import type { Role } from "@/lib/members/permissions";
import { ALERT_KIND_INFO, ALERT_KINDS, type AlertKind, type AlertMode, type AlertSeverity, isAlertMode } from "./kinds";

export const DEFAULT_MODES: Record<Role, Record<AlertSeverity, AlertMode>> = {
  owner: { failure: "immediate", warning: "digest", info: "digest" },
  admin: { failure: "immediate", warning: "digest", info: "digest" },
  operator: { failure: "digest", warning: "digest", info: "off" },
  viewer: { failure: "off", warning: "off", info: "off" },
};

/** The mode a role gets for a kind when the member has not chosen (an unknown role: off). */
export function defaultAlertMode(role: string, kind: AlertKind): AlertMode {
  const modes = DEFAULT_MODES[role as Role];
  return modes ? modes[ALERT_KIND_INFO[kind].severity] : "off";
}

export interface AlertPreference {
  kind: AlertKind;
  mode: AlertMode;
  /** True when nothing was saved and the role's default applies. */
  isDefault: boolean;
}

/** The member's mode for every kind, in ALERT_KINDS order. */
export async function listAlertPreferences(
  db: Db,
  workspaceId: string,
  userId: string,
  role: string,
): Promise<AlertPreference[]> {
  const rows = await db
    .select({ kind: alertPreferences.kind, mode: alertPreferences.mode })
    .from(alertPreferences)
    .where(and(eq(alertPreferences.workspaceId, workspaceId), eq(alertPreferences.userId, userId)));
  const saved = new Map(rows.filter((r) => isAlertMode(r.mode)).map((r) => [r.kind, r.mode as AlertMode]));
  return ALERT_KINDS.map((kind) => {
    const mode = saved.get(kind);
    return mode ? { kind, mode, isDefault: false } : { kind, mode: defaultAlertMode(role, kind), isDefault: true };
  });
}

/** Saves the member's choices (only the kinds given); each is one upsert. */
export async function saveAlertPreferences(
  db: Db,
  workspaceId: string,
  userId: string,
  modes: Partial<Record<AlertKind, AlertMode>>,
  now = new Date(),
): Promise<void> {
  const values = Object.entries(modes).map(([kind, mode]) => ({ workspaceId, userId, kind, mode, updatedAt: now }));
  if (!values.length) return;
  await db
    .insert(alertPreferences)
    .values(values)
    .onConflictDoUpdate({
      target: [alertPreferences.workspaceId, alertPreferences.userId, alertPreferences.kind],
      set: { mode: sql`excluded.mode`, updatedAt: now },
    });
}

export interface AlertRecipient {
  userId: string;
  email: string;
  name: string | null;
  role: string;
  mode: AlertMode;
}

/** Every member of the workspace with their mode for `kind` (those with "off" included). */
export async function alertRecipients(db: Db, workspaceId: string, kind: AlertKind): Promise<AlertRecipient[]> {
  const rows = await db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      saved: alertPreferences.mode,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(
      alertPreferences,
      and(
        eq(alertPreferences.workspaceId, memberships.workspaceId),
        eq(alertPreferences.userId, memberships.userId),
        eq(alertPreferences.kind, kind),
      ),
    )
    .where(eq(memberships.workspaceId, workspaceId));
  return rows.map((r) => ({
    userId: r.userId,
    email: r.email,
    name: r.name,
    role: r.role,
    mode: isAlertMode(r.saved) ? r.saved : defaultAlertMode(r.role, kind),
  }));
}
