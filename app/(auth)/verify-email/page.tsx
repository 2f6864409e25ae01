/** The verify-email page (/verify-email?token=…). */

import type { Metadata } from "next";
import { VerifyEmailForm } from "@/components/auth/verify-email-form";
import { Alert } from "@/components/ui/alert";

export const metadata: Metadata = { title: "Confirm your email", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

/** `?token=` from the verification mail; confirming is a button (a POST), not the page load. */
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Confirm your email</h1>
      {typeof token === "string" && token ? (
        <VerifyEmailForm token={token} />
      ) : (
        <Alert tone="error">This link is incomplete. Open the link from the mail again.</Alert>
      )}
    </>
  );
}
