/** The sign-in page (/sign-in). */

import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { Alert } from "@/components/ui/alert";
import { safeCallbackPath } from "@/lib/accounts/callback-url";
import { enabledOAuthProviders } from "@/lib/server/auth";
import { getOptionalSession } from "@/lib/server/session";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

/** Sign-in; `?callbackUrl=/orders` (a path on this site, else ignored) is where it goes afterwards. */
export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; reset?: string }>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getOptionalSession()) redirect(callbackUrl);
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      {params.reset === "done" && (
        <div className="mb-4">
          <Alert tone="success">Your password was changed and every session signed out. Sign in with the new one.</Alert>
        </div>
      )}
      <CredentialsForm mode="sign-in" callbackUrl={callbackUrl} />
      <p className="mt-3 text-right text-sm">
        <Link href="/forgot-password" className="font-medium text-brand-700 underline">
          Forgot password?
        </Link>
      </p>
      <OAuthButtons providers={enabledOAuthProviders()} callbackUrl={callbackUrl} />
      <p className="mt-6 text-center text-sm text-slate-600">
        New to Conduit?{" "}
        <Link href="/sign-up" className="font-medium text-brand-700 underline">
          Create an account
        </Link>
      </p>
    </>
  );
}
