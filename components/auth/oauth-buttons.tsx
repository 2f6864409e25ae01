/** Sign in with GitHub or Google, for the providers that are configured. */

import { oauthSignInAction } from "@/lib/server/actions/auth-actions";
import { buttonClass } from "../ui/button";

export function OAuthButtons({
  providers,
  callbackUrl,
}: {
  providers: Array<{ id: "github" | "google"; name: string }>;
  /** Where to go after signing in (checked on the server). */
  callbackUrl?: string;
}) {
  if (providers.length === 0) return null;
  return (
    <div className="mt-6 space-y-2 border-t border-slate-200 pt-6">
      {providers.map((p) => (
        <form key={p.id} action={oauthSignInAction.bind(null, p.id, callbackUrl)}>
          <button type="submit" className={buttonClass("secondary", "w-full")}>
            Continue with {p.name}
          </button>
        </form>
      ))}
    </div>
  );
}
