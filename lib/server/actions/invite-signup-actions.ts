"use server";

/**
 * Signing up through an invite link: no session yet, so the invite's token is the permission.
 * The account gets the invited email and joins the invite's workspace with its role (no workspace
 * of its own), then signs in (its first workspace is the invited one).
 */
import type { z } from "zod";
import { getDb } from "@/db/index";
import { inviteSignUpSchema, signUpWithInvite } from "@/lib/members/invites";
import { recordAuditFor } from "../audit";
import { signIn } from "../auth";
import { type ActionResult, fieldErrorsOf, toSafeError } from "../handle";

export async function signUpWithInviteAction(
  input: z.input<typeof inviteSignUpSchema>,
): Promise<ActionResult<{ redirectTo: string }>> {
  const parsed = inviteSignUpSchema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      code: "VALIDATION",
      error: "Some fields need attention.",
      fieldErrors: fieldErrorsOf(parsed.error),
    };
  try {
    const db = await getDb();
    const user = await signUpWithInvite(db, parsed.data);
    // Recorded in the workspace joined, by the person who joined (as accepting an invite is).
    await recordAuditFor(
      { userId: user.id, email: user.email, workspaceId: user.workspaceId },
      {
        objectType: "member",
        objectId: user.id,
        objectLabel: user.email,
        action: "joined",
        summary: `${user.email} signed up through an invite as ${user.role}`,
        changes: [{ field: "Role", before: null, after: user.role }],
      },
      db,
    );
    try {
      await signIn("credentials", { email: user.email, password: parsed.data.password, redirect: false });
    } catch {
      return { ok: false, code: "INTERNAL", error: "Your account was created, but signing in failed. Try signing in." };
    }
    return { ok: true, data: { redirectTo: "/channels" } };
  } catch (error) {
    return toSafeError(error, "signUpWithInvite");
  }
}
