import { oauthSignInAction } from "@/lib/server/actions/auth-actions";
import { buttonClass } from "../ui/button";

export function OAuthButtons({ providers }: { providers: Array<{ id: "github" | "google"; name: string }> }) {
  if (providers.length === 0) return null;
  return (
    <div className="mt-6 space-y-2 border-t border-slate-200 pt-6">
      {providers.map((p) => (
        <form key={p.id} action={oauthSignInAction.bind(null, p.id)}>
          <button type="submit" className={buttonClass("secondary", "w-full")}>
            Continue with {p.name}
          </button>
        </form>
      ))}
    </div>
  );
}
