/** An invite link's page (/invite/<token>). */

import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInvite, InviteSignUpForm } from "@/components/members/invite-forms";
import { Alert } from "@/components/ui/alert";
import { getDb } from "@/db/index";
import { lookupInvite } from "@/lib/members/invites";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/members/permissions";
import { getOptionalSession } from "@/lib/server/session";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

/**
 * An invite link (/invite/<token>): who invited you to which workspace with which role, then
 * Accept (signed in with the invited email), Create account (no account with that email yet) or
 * Sign in (an account exists). A used, revoked, expired or unknown link says so in plain words.
 */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await lookupInvite(await getDb(), token);
  if (invite.status === "invalid") {
    return (
      <>
        <h1 className="mb-3 text-xl font-semibold">Invitation</h1>
        <Alert tone="error">{invite.message}</Alert>
        <p className="mt-4 text-center text-sm">
          <Link href="/sign-in" className="font-medium text-brand-700 underline">
            Go to sign in
          </Link>
        </p>
      </>
    );
  }
  const session = await getOptionalSession();
  const here = `/invite/${token}`;
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Join {invite.workspaceName}</h1>
      <p className="mb-4 text-sm text-slate-700">
        {invite.invitedByName ?? "Someone"} invited <strong>{invite.email}</strong> to join as{" "}
        <strong>{ROLE_LABELS[invite.role]}</strong>: {ROLE_DESCRIPTIONS[invite.role]}
      </p>
      {session ? (
        session.email === invite.email ? (
          <AcceptInvite token={token} workspaceName={invite.workspaceName} />
        ) : (
          <Alert tone="warning" title={`You are signed in as ${session.email}.`}>
            This invite is for {invite.email}. Sign out, then open this link again and sign in with that email.
          </Alert>
        )
      ) : invite.accountExists ? (
        <p className="text-sm">
          <Link
            href={`/sign-in?callbackUrl=${encodeURIComponent(here)}`}
            className="font-medium text-brand-700 underline"
          >
            Sign in as {invite.email}
          </Link>{" "}
          to accept.
        </p>
      ) : (
        <>
          <InviteSignUpForm token={token} email={invite.email} />
          <p className="mt-6 text-center text-sm text-slate-600">
            Already have an account with this email?{" "}
            <Link
              href={`/sign-in?callbackUrl=${encodeURIComponent(here)}`}
              className="font-medium text-brand-700 underline"
            >
              Sign in
            </Link>
          </p>
        </>
      )}
    </>
  );
}
