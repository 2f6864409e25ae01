/** The account settings page (/settings/account): name, email, password, sign out everywhere. */

import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/index";
import { getAccountProfile } from "@/lib/accounts/profile";
import { requireSession } from "@/lib/server/session";
import { PasswordForm, ProfileForm, SignOutEverywhere } from "./account-forms";

// Settings → Account: name, email, password, sign out everywhere.

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Account · Settings" };

export default async function AccountPage() {
  const session = await requireSession();
  const profile = await getAccountProfile(await getDb(), session.userId);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/settings" className="text-brand-700 underline">
          ← Settings
        </Link>
      </p>
      <PageHeader title="Account" description="Your name, email and password, and where you are signed in." />
      <div className="space-y-6">
        <section aria-labelledby="profile-heading" className="rounded-lg border border-slate-200 bg-white p-6">
          <h2 id="profile-heading" className="text-base font-semibold">
            Name and email
          </h2>
          <ProfileForm initial={profile} />
        </section>
        <section aria-labelledby="password-heading" className="rounded-lg border border-slate-200 bg-white p-6">
          <h2 id="password-heading" className="text-base font-semibold">
            Password
          </h2>
          {profile.hasPassword ? (
            <PasswordForm />
          ) : (
            <p className="mt-2 text-sm text-slate-700">
              You sign in with GitHub or Google, so this account has no Conduit password.
            </p>
          )}
        </section>
        <section aria-labelledby="sessions-heading" className="rounded-lg border border-slate-200 bg-white p-6">
          <h2 id="sessions-heading" className="text-base font-semibold">
            Sign out everywhere
          </h2>
          <p className="mt-2 text-sm text-slate-700">
            Ends every session of your account on every device and browser, this one included. Use it if you signed in
            on a computer you no longer use or think someone else has your session.
          </p>
          <SignOutEverywhere />
        </section>
      </div>
    </>
  );
}
