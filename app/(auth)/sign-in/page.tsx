import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { safeCallbackPath } from "@/lib/accounts/callback-url";
import { enabledOAuthProviders } from "@/lib/server/auth";
import { getOptionalSession } from "@/lib/server/session";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

/** Sign-in; `?callbackUrl=/orders` (a path on this site, else ignored) is where it goes afterwards. */
export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const callbackUrl = safeCallbackPath((await searchParams).callbackUrl);
  if (await getOptionalSession()) redirect(callbackUrl);
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      <CredentialsForm mode="sign-in" callbackUrl={callbackUrl} />
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
