/** The reset-password page (/reset-password?token=…). */

import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { Alert } from "@/components/ui/alert";
import { getDb } from "@/db/index";
import { isResetTokenUsable } from "@/lib/accounts/password-reset";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

/** `?token=` from the reset mail; the form shows only while the link is unused and under an hour old. */
export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const usable = typeof token === "string" && (await isResetTokenUsable(await getDb(), token));
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Choose a new password</h1>
      {usable ? (
        <ResetPasswordForm token={token} />
      ) : (
        <Alert tone="error" title="This link no longer works">
          Reset links work once, for one hour.{" "}
          <Link href="/forgot-password" className="font-medium underline">
            Ask for a new link
          </Link>
          .
        </Alert>
      )}
    </>
  );
}
