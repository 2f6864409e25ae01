/**
 * Team membership beyond the memberships table (accounts.ts, whose `role` is one of owner, admin,
 * operator, viewer; lib/members/permissions.ts): invitations, and which workspace each signed-in
 * browser is looking at.
 */
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { userSessions, users, workspaces } from "./accounts";

/**
 * An invitation to join a workspace with a role. Only the SHA-256 of the link's token is kept, so
 * a copy of the table cannot be used to join. Pending while accepted_at and revoked_at are null
 * and expires_at (7 days after creation) is in the future; single use.
 */
export const workspaceInvites = pgTable(
  "workspace_invites",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    // Lower-cased, like users.email.
    email: text("email").notNull(),
    role: text("role").notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: uuid("accepted_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("workspace_invites_token_hash").on(t.tokenHash),
    index("workspace_invites_workspace_email").on(t.workspaceId, t.email),
  ],
);

/**
 * The workspace a session (one signed-in browser) is working in, set by the workspace switcher.
 * Without a row the session uses the workspace it signed in to. Membership is checked again on
 * every request, so a row naming a workspace the user has left grants nothing.
 */
export const sessionWorkspaces = pgTable("session_workspaces", {
  sessionId: uuid("session_id")
    .primaryKey()
    .references(() => userSessions.id, { onDelete: "cascade" }),
  workspaceId: uuid("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
