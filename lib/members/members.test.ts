import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import type { Db } from "@/db/client";
import { memberships, userSessions, users } from "@/db/schema/accounts";
import { workspaceInvites } from "@/db/schema/members";
import { describeEachDb } from "@/db/testing/describe-db";
import { signUp, verifyCredentials } from "@/lib/accounts/accounts";
import { startSession } from "@/lib/accounts/sessions";
import { listUserWorkspaces, resolveCurrentWorkspace, switchWorkspace } from "./current";
import {
  acceptInvite,
  createInvite,
  hashInviteToken,
  INVITE_TTL_MS,
  listPendingInvites,
  lookupInvite,
  revokeInvite,
  signUpWithInvite,
} from "./invites";
import { changeMemberRole, leaveWorkspace, listMembers, removeMember } from "./members";
import type { Role } from "./permissions";

/** Invites, accepting, switching workspace, roles and removal, on each database (issue 17). */

const PASSWORD = "correct horse battery";
let counter = 0;
async function person(db: Db, label: string) {
  counter += 1;
  return signUp(db, { email: `${label}-${counter}@example.com`, password: PASSWORD, name: label });
}
async function addMember(db: Db, workspaceId: string, userId: string, role: Role) {
  await db.insert(memberships).values({ workspaceId, userId, role });
}
const actor = (userId: string, role: Role) => ({ userId, role });

describeEachDb("members and invites", (ctx) => {
  it("invites with a single-use, hashed, 7-day token; a new person signs up straight into the workspace", async () => {
    const owner = await person(ctx.db, "owner");
    const now = new Date("2026-11-30T10:00:00Z");
    const { invite, token } = await createInvite(
      ctx.db,
      owner.workspaceId,
      actor(owner.id, "owner"),
      { email: "New.Person@Example.com", role: "operator" },
      now,
    );
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(invite.email).toBe("new.person@example.com");
    expect(invite.expiresAt.getTime() - now.getTime()).toBe(INVITE_TTL_MS);
    const [row] = await ctx.db.select().from(workspaceInvites).where(eq(workspaceInvites.id, invite.id));
    expect(row!.tokenHash).toBe(hashInviteToken(token));
    expect(JSON.stringify(row)).not.toContain(token);

    const seen = await lookupInvite(ctx.db, token, now);
    expect(seen).toMatchObject({ status: "pending", role: "operator", accountExists: false, email: invite.email });

    const user = await signUpWithInvite(ctx.db, { token, name: "New", password: PASSWORD }, now);
    expect(user).toMatchObject({ email: "new.person@example.com", workspaceId: owner.workspaceId, role: "operator" });
    // No workspace of their own: the invited one is their only one, and sign-in lands there.
    expect((await listUserWorkspaces(ctx.db, user.id)).map((w) => [w.workspaceId, w.role])).toEqual([
      [owner.workspaceId, "operator"],
    ]);
    expect((await verifyCredentials(ctx.db, user.email, PASSWORD))?.workspaceId).toBe(owner.workspaceId);

    // Single use.
    expect(await lookupInvite(ctx.db, token, now)).toMatchObject({ status: "invalid", message: /already used/ });
    await expect(signUpWithInvite(ctx.db, { token, password: PASSWORD }, now)).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(acceptInvite(ctx.db, { token, userId: owner.id }, now)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("an existing user accepts with the invited email only; expired, revoked and unknown links are refused", async () => {
    const owner = await person(ctx.db, "owner");
    const other = await person(ctx.db, "other");
    const stranger = await person(ctx.db, "stranger");
    const now = new Date("2026-11-30T10:00:00Z");
    const { token } = await createInvite(
      ctx.db,
      owner.workspaceId,
      actor(owner.id, "owner"),
      { email: other.email, role: "viewer" },
      now,
    );
    expect(await lookupInvite(ctx.db, token, now)).toMatchObject({ status: "pending", accountExists: true });
    await expect(acceptInvite(ctx.db, { token, userId: stranger.id }, now)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining(other.email),
    });
    const joined = await acceptInvite(ctx.db, { token, userId: other.id }, now);
    expect(joined).toEqual({ workspaceId: owner.workspaceId, role: "viewer", alreadyMember: false });
    expect((await listMembers(ctx.db, owner.workspaceId)).map((m) => m.role)).toEqual(["owner", "viewer"]);

    // Expired: 7 days later it no longer works.
    const late = await createInvite(
      ctx.db,
      owner.workspaceId,
      actor(owner.id, "owner"),
      { email: stranger.email, role: "viewer" },
      now,
    );
    const after = new Date(now.getTime() + INVITE_TTL_MS + 1000);
    expect(await lookupInvite(ctx.db, late.token, after)).toMatchObject({ status: "invalid", message: /expired/ });
    await expect(acceptInvite(ctx.db, { token: late.token, userId: stranger.id }, after)).rejects.toMatchObject({
      code: "CONFLICT",
    });

    // Revoked: the link stops working, and it leaves the pending list.
    const revoked = await createInvite(
      ctx.db,
      owner.workspaceId,
      actor(owner.id, "owner"),
      { email: "someone@example.com", role: "admin" },
      now,
    );
    expect((await listPendingInvites(ctx.db, owner.workspaceId, now)).map((i) => i.email)).toContain(
      "someone@example.com",
    );
    await revokeInvite(ctx.db, owner.workspaceId, actor(owner.id, "owner"), revoked.invite.id, now);
    expect(await lookupInvite(ctx.db, revoked.token, now)).toMatchObject({ status: "invalid", message: /revoked/ });
    expect((await listPendingInvites(ctx.db, owner.workspaceId, now)).map((i) => i.email)).not.toContain(
      "someone@example.com",
    );
    // A token that was never issued, or is malformed.
    expect(await lookupInvite(ctx.db, "A".repeat(43), now)).toMatchObject({ status: "invalid" });
    expect(await lookupInvite(ctx.db, "../etc", now)).toMatchObject({ status: "invalid" });
    // Another workspace cannot revoke it.
    const elsewhere = await createInvite(
      ctx.db,
      owner.workspaceId,
      actor(owner.id, "owner"),
      { email: "x@example.com", role: "viewer" },
      now,
    );
    await expect(
      revokeInvite(ctx.db, other.workspaceId, actor(other.id, "owner"), elsewhere.invite.id, now),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("admins cannot invite owners nor touch owners; operators and viewers cannot invite; members are not re-invited", async () => {
    const owner = await person(ctx.db, "owner");
    const admin = await person(ctx.db, "admin");
    await addMember(ctx.db, owner.workspaceId, admin.id, "admin");
    const ws = owner.workspaceId;
    await expect(
      createInvite(ctx.db, ws, actor(admin.id, "admin"), { email: "boss@example.com", role: "owner" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      createInvite(ctx.db, ws, actor(admin.id, "admin"), { email: "ops@example.com", role: "operator" }),
    ).resolves.toBeTruthy();
    for (const role of ["operator", "viewer"] as const) {
      await expect(
        createInvite(ctx.db, ws, actor(admin.id, role), { email: "v@example.com", role: "viewer" }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(
      createInvite(ctx.db, ws, actor(owner.id, "owner"), { email: admin.email, role: "viewer" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    // A second invite to the same email replaces the first (only the newest link works).
    const first = await createInvite(ctx.db, ws, actor(owner.id, "owner"), {
      email: "twice@example.com",
      role: "viewer",
    });
    const second = await createInvite(ctx.db, ws, actor(owner.id, "owner"), {
      email: "twice@example.com",
      role: "operator",
    });
    expect(await lookupInvite(ctx.db, first.token)).toMatchObject({ status: "invalid" });
    expect(await lookupInvite(ctx.db, second.token)).toMatchObject({ status: "pending", role: "operator" });

    await expect(
      changeMemberRole(ctx.db, ws, actor(admin.id, "admin"), { userId: owner.id, role: "viewer" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(removeMember(ctx.db, ws, actor(admin.id, "admin"), { userId: owner.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("changes roles and removes members; the last owner can be neither demoted, removed nor leave", async () => {
    const owner = await person(ctx.db, "owner");
    const second = await person(ctx.db, "second");
    const op = await person(ctx.db, "op");
    const ws = owner.workspaceId;
    await addMember(ctx.db, ws, second.id, "admin");
    await addMember(ctx.db, ws, op.id, "operator");

    await expect(
      changeMemberRole(ctx.db, ws, actor(owner.id, "owner"), { userId: owner.id, role: "admin" }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: /at least one owner/ });
    await expect(leaveWorkspace(ctx.db, ws, owner.id)).rejects.toMatchObject({ code: "CONFLICT" });

    // An admin manages members below owner, including other admins' roles below owner.
    expect(await changeMemberRole(ctx.db, ws, actor(second.id, "admin"), { userId: op.id, role: "viewer" })).toEqual({
      before: "operator",
      after: "viewer",
    });
    await expect(
      changeMemberRole(ctx.db, ws, actor(second.id, "admin"), { userId: op.id, role: "owner" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });

    // A second owner: now the first may step down, but not both.
    await changeMemberRole(ctx.db, ws, actor(owner.id, "owner"), { userId: second.id, role: "owner" });
    await changeMemberRole(ctx.db, ws, actor(second.id, "owner"), { userId: owner.id, role: "admin" });
    await expect(
      changeMemberRole(ctx.db, ws, actor(second.id, "owner"), { userId: second.id, role: "admin" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    const { removed } = await removeMember(ctx.db, ws, actor(second.id, "owner"), { userId: op.id });
    expect(removed.email).toBe(op.email);
    expect(
      await ctx.db
        .select()
        .from(memberships)
        .where(and(eq(memberships.workspaceId, ws), eq(memberships.userId, op.id))),
    ).toEqual([]);
    await expect(removeMember(ctx.db, ws, actor(second.id, "owner"), { userId: op.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    // Two owners demoting each other at once cannot leave the workspace without one.
    const third = await person(ctx.db, "third");
    await addMember(ctx.db, ws, third.id, "owner");
    const results = await Promise.allSettled([
      changeMemberRole(ctx.db, ws, actor(second.id, "owner"), { userId: second.id, role: "viewer" }),
      changeMemberRole(ctx.db, ws, actor(third.id, "owner"), { userId: third.id, role: "viewer" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await listMembers(ctx.db, ws)).filter((m) => m.role === "owner")).toHaveLength(1);
  });

  it("switching workspace checks membership; a removed member's session falls back at once", async () => {
    const owner = await person(ctx.db, "owner");
    const member = await person(ctx.db, "member");
    await addMember(ctx.db, owner.workspaceId, member.id, "operator");
    const sessionId = await startSession(ctx.db, member.id, { maxAgeMs: 60_000 });
    const signedIn = { userId: member.id, sessionId, signedInWorkspaceId: member.workspaceId };

    expect(await resolveCurrentWorkspace(ctx.db, signedIn)).toEqual({
      workspaceId: member.workspaceId,
      role: "owner",
      changed: false,
    });
    await switchWorkspace(ctx.db, { userId: member.id, sessionId, workspaceId: owner.workspaceId });
    expect(await resolveCurrentWorkspace(ctx.db, signedIn)).toEqual({
      workspaceId: owner.workspaceId,
      role: "operator",
      changed: false,
    });
    // A role change shows at the next request.
    await changeMemberRole(ctx.db, owner.workspaceId, actor(owner.id, "owner"), { userId: member.id, role: "viewer" });
    expect((await resolveCurrentWorkspace(ctx.db, signedIn)).role).toBe("viewer");
    // A workspace the user does not belong to cannot be switched to.
    const stranger = await person(ctx.db, "stranger");
    await expect(
      switchWorkspace(ctx.db, { userId: member.id, sessionId, workspaceId: stranger.workspaceId }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Nor named by a forged session: the user's role there is never granted.
    expect(
      await resolveCurrentWorkspace(ctx.db, { ...signedIn, signedInWorkspaceId: stranger.workspaceId, sessionId: "x" }),
    ).toMatchObject({ workspaceId: member.workspaceId, changed: true });

    // Removed: the session falls back to the member's own workspace, flagged as changed once.
    await removeMember(ctx.db, owner.workspaceId, actor(owner.id, "owner"), { userId: member.id });
    expect(await resolveCurrentWorkspace(ctx.db, signedIn)).toEqual({
      workspaceId: member.workspaceId,
      role: "owner",
      changed: true,
    });
    expect((await resolveCurrentWorkspace(ctx.db, signedIn)).changed).toBe(false);
  });

  it("a user left with no workspace gets a fresh one of their own (at sign-in or the next request)", async () => {
    const owner = await person(ctx.db, "owner");
    const { token } = await createInvite(ctx.db, owner.workspaceId, actor(owner.id, "owner"), {
      email: "only-invited@example.com",
      role: "viewer",
    });
    const invited = await signUpWithInvite(ctx.db, { token, password: PASSWORD });
    await removeMember(ctx.db, owner.workspaceId, actor(owner.id, "owner"), { userId: invited.id });
    const back = await verifyCredentials(ctx.db, invited.email, PASSWORD);
    expect(back?.workspaceId).toBeTruthy();
    expect(back?.workspaceId).not.toBe(owner.workspaceId);
    expect(await listUserWorkspaces(ctx.db, invited.id)).toEqual([
      { workspaceId: back!.workspaceId, name: "only-invited's workspace", role: "owner" },
    ]);
    // Session rows and users stay intact.
    expect((await ctx.db.select().from(users).where(eq(users.id, invited.id))).length).toBe(1);
    expect(await ctx.db.select().from(userSessions).where(eq(userSessions.userId, invited.id))).toEqual([]);
  });
});
