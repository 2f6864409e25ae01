"use server";

/**
 * The account page's server actions (Settings → Account): name and email, sign out everywhere.
 * The password change is auth-actions.ts changePasswordAction. The user always comes from the
 * session; Next.js refuses a server action whose Origin is not this site.
 */
import { z } from "zod";
import { getDb } from "@/db/index";
import { profileSchema, signOutEverywhere, updateProfile } from "@/lib/accounts/profile";
import { signOut, updateSession } from "../auth";
import { authedAction } from "../handle";

const saveProfile = authedAction("account.self", profileSchema, async (input, session) => {
  const saved = await updateProfile(await getDb(), session.userId, input);
  // The session cookie carries the name and email shown in the header: refresh it.
  await updateSession({});
  return saved;
});
export async function updateProfileAction(input: z.input<typeof profileSchema>) {
  return saveProfile(input);
}

const everywhere = authedAction("account.self", z.object({}).strict(), async (_input, session) => {
  await signOutEverywhere(await getDb(), session.userId);
  // This browser too: clear its cookie and go to sign-in (a redirect, passed through).
  await signOut({ redirectTo: "/sign-in?signedOut=everywhere" });
  return { signedOut: true as const };
});
export async function signOutEverywhereAction() {
  return everywhere({});
}
