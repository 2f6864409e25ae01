/**
 * Auth.js (next-auth v5) configuration: the credentials provider (every password check goes
 * through lib/accounts/sign-in.ts, throttled and bounded), optional GitHub/Google, JWT cookies
 * backed by a server-side session row (revocable), and the public URL (AUTH_URL) as the only
 * source of absolute URLs and of the cookies' Secure flag.
 */
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { getDb } from "@/db/index";
import { findOrCreateOAuthUser } from "@/lib/accounts/accounts";
import { clientIp, parseTrustedProxies } from "@/lib/accounts/client-ip";
import { getAccountProfile } from "@/lib/accounts/profile";
import { signInSchema } from "@/lib/accounts/schemas";
import { endSession, isSessionActive, startSession } from "@/lib/accounts/sessions";
import { checkSignIn } from "@/lib/accounts/sign-in";
import { env } from "@/lib/env";
import { createLogger } from "@/lib/log";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name?: string | null; workspaceId: string; sessionId: string };
  }
}

const log = createLogger("auth");
const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

/** Too many attempts on the account or from the address: Auth.js answers `?error=CredentialsSignin&code=rate_limited`. */
export class SignInThrottled extends CredentialsSignin {
  code = "rate_limited";
  constructor(readonly retryAfterMinutes: number) {
    super(`Too many sign-in attempts; try again in ${retryAfterMinutes} minutes`);
  }
}

/** Too many password checks in flight on this server: `code=busy`. */
export class SignInBusy extends CredentialsSignin {
  code = "busy";
}

/**
 * What a failed `signIn("credentials")` means, read from the error's `type` and `code` (plain
 * strings, which survive minification; class names do not). Null for anything that is not a
 * credentials failure.
 */
export function credentialsFailure(
  error: unknown,
): { code: "wrong" | "rate_limited" | "busy"; retryAfterMinutes?: number } | null {
  const e = error as { type?: unknown; code?: unknown; retryAfterMinutes?: unknown } | null;
  if (!e || typeof e !== "object" || e.type !== "CredentialsSignin") return null;
  if (e.code === "rate_limited") {
    return {
      code: "rate_limited",
      retryAfterMinutes: typeof e.retryAfterMinutes === "number" ? e.retryAfterMinutes : 15,
    };
  }
  if (e.code === "busy") return { code: "busy" };
  return { code: "wrong" };
}

type ProxyList = ReturnType<typeof parseTrustedProxies>;
let parsedProxies: { source: string | undefined; list: ProxyList | undefined } | undefined;
function proxyPolicy(): { trustedProxies: ProxyList | undefined; isVercel: boolean } {
  const { trustedProxies: source, isVercel } = env();
  if (!parsedProxies || parsedProxies.source !== source) {
    parsedProxies = { source, list: source ? parseTrustedProxies(source) : undefined };
  }
  return { trustedProxies: parsedProxies.list, isVercel };
}

export function buildAuthConfig(): NextAuthConfig {
  const { authSecret, authUrl, github, google } = env();
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      credentials: { email: {}, password: {} },
      // Every credentials sign-in lands here: the form's action and POST /api/auth/callback/credentials.
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const outcome = await checkSignIn(
          await getDb(),
          { ...parsed.data, ip: clientIp(request.headers, proxyPolicy()) },
          { log },
        );
        if (outcome.ok) {
          const { user } = outcome;
          return { id: user.id, email: user.email, name: user.name, workspaceId: user.workspaceId };
        }
        if (outcome.reason === "throttled") throw new SignInThrottled(outcome.retryAfterMinutes);
        if (outcome.reason === "busy") throw new SignInBusy();
        return null;
      },
    }),
  ];
  // OAuth providers exist only when their credentials are configured.
  if (github) providers.push(GitHub({ clientId: github.id, clientSecret: github.secret }));
  if (google) providers.push(Google({ clientId: google.id, clientSecret: google.secret }));

  return {
    secret: authSecret,
    // Host headers are used only when AUTH_URL is unset (local use); with it, Auth.js builds every
    // URL (OAuth redirect_uri included) from AUTH_URL.
    trustHost: true,
    // Secure cookies with the __Secure-/__Host- prefixes follow the configured public URL, not a
    // request header a proxy may forget; without AUTH_URL, Auth.js decides from the request.
    useSecureCookies: authUrl ? authUrl.protocol === "https:" : undefined,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/sign-in" },
    logger: {
      error(error) {
        // A wrong password or a throttled attempt is an expected outcome, logged at info by
        // lib/accounts/sign-in.ts; the check reads Auth.js's error type, not a (minified) class name.
        if (credentialsFailure(error)) return;
        const type = (error as { type?: unknown }).type;
        log.error("auth error", { type: typeof type === "string" ? type : undefined, message: error.message });
      },
    },
    providers,
    events: {
      async signOut(message) {
        if ("token" in message && message.token) await endSession(await getDb(), message.token.sid);
      },
    },
    callbacks: {
      async jwt({ token, user, account, trigger }) {
        const db = await getDb();
        if (user && account) {
          const local =
            account.type === "credentials"
              ? { id: String(user.id), workspaceId: (user as { workspaceId: string }).workspaceId }
              : user.email
                ? await findOrCreateOAuthUser(db, user.email, user.name ?? null)
                : null;
          if (!local) return null;
          token.uid = local.id;
          token.wid = local.workspaceId;
          token.sid = await startSession(db, local.id, { maxAgeMs: SESSION_MAX_AGE_S * 1000 });
          return token;
        }
        // Every later request: the session must still exist on the server (signed out, password
        // changed, or a token from before sessions were revocable: signed out).
        if (!(await isSessionActive(db, token.sid, token.uid))) return null;
        // The account page changed the name or email (updateSession): read them again.
        if (trigger === "update" && typeof token.uid === "string") {
          const profile = await getAccountProfile(db, token.uid);
          token.name = profile.name;
          token.email = profile.email;
        }
        return token;
      },
      async session({ session, token }) {
        // The browser-visible session carries ids only; workspace scoping reads workspaceId.
        Object.assign(session.user, {
          id: String(token.uid ?? ""),
          workspaceId: String(token.wid ?? ""),
          sessionId: String(token.sid ?? ""),
        });
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut, unstable_update: updateSession } = NextAuth(() => buildAuthConfig());

export function enabledOAuthProviders(): Array<{ id: "github" | "google"; name: string }> {
  const { github, google } = env();
  return [
    ...(github ? [{ id: "github" as const, name: "GitHub" }] : []),
    ...(google ? [{ id: "google" as const, name: "Google" }] : []),
  ];
}
