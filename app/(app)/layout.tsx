/** The signed-in app's frame: header with navigation and workspace switcher, the verify-email banner, the page. */

import Link from "next/link";
import type { ReactNode } from "react";
import { VerifyEmailBanner } from "@/components/account/verify-email-banner";
import { AppNav } from "@/components/shell/app-nav";
import { RoleProvider } from "@/components/shell/role-context";
import { WorkspaceSwitcher } from "@/components/shell/workspace-switcher";
import { listUserWorkspaces } from "@/lib/members/current";
import { capabilitiesOf } from "@/lib/members/permissions";
import { getDb } from "@/db/index";
import { isEmailVerified } from "@/lib/accounts/email-verification";
import { signOutAction } from "@/lib/server/actions/auth-actions";
import { requireSession } from "@/lib/server/session";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  const workspaces = await listUserWorkspaces(await getDb(), session.userId);
  const verified = await isEmailVerified(await getDb(), session.userId);
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:p-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3">
          <Link href="/channels" className="text-lg font-semibold tracking-tight text-brand-700">
            Conduit
          </Link>
          <AppNav />
          <div className="ml-auto flex items-center gap-3 text-sm">
            <WorkspaceSwitcher current={session.workspaceId} options={workspaces} />
            <span className="text-slate-600" data-testid="signed-in-as">
              {session.email}
            </span>
            <form action={signOutAction}>
              <button type="submit" className="rounded-md px-2 py-1 font-medium text-slate-700 hover:bg-slate-100">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      {!verified && <VerifyEmailBanner email={session.email} />}
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        <RoleProvider role={session.role} capabilities={capabilitiesOf(session.role)}>
          {children}
        </RoleProvider>
      </main>
    </div>
  );
}
