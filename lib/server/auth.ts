import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { getDb } from "@/db/index";
import { findOrCreateOAuthUser, verifyCredentials } from "@/lib/accounts/accounts";
import { signInSchema } from "@/lib/accounts/schemas";
import { env } from "@/lib/env";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name?: string | null; workspaceId: string };
  }
}

function buildConfig(): NextAuthConfig {
  const { authSecret, github, google } = env();
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      credentials: { email: {}, password: {} },
      // Throttling and its messages live in the sign-in action, which calls this only when allowed.
      async authorize(raw) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const user = await verifyCredentials(await getDb(), parsed.data.email, parsed.data.password);
        return user ? { id: user.id, email: user.email, name: user.name, workspaceId: user.workspaceId } : null;
      },
    }),
  ];
  // OAuth providers exist only when their credentials are configured.
  if (github) providers.push(GitHub({ clientId: github.id, clientSecret: github.secret }));
  if (google) providers.push(Google({ clientId: google.id, clientSecret: google.secret }));

  return {
    secret: authSecret,
    trustHost: true,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/sign-in" },
    // A wrong password is an expected outcome (answered in the form), not a server error.
    logger: {
      error(error) {
        if (error.name === "CredentialsSignin") return;
        console.error(JSON.stringify({ level: "error", scope: "auth", message: error.message, name: error.name }));
      },
    },
    providers,
    callbacks: {
      async jwt({ token, user, account }) {
        if (user && account?.type === "credentials") {
          token.uid = user.id;
          token.wid = (user as { workspaceId: string }).workspaceId;
        } else if (user && account && user.email) {
          const local = await findOrCreateOAuthUser(await getDb(), user.email, user.name ?? null);
          token.uid = local.id;
          token.wid = local.workspaceId;
        }
        return token;
      },
      async session({ session, token }) {
        // The browser-visible session carries ids only; workspace scoping reads workspaceId.
        Object.assign(session.user, { id: String(token.uid ?? ""), workspaceId: String(token.wid ?? "") });
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => buildConfig());

export function enabledOAuthProviders(): Array<{ id: "github" | "google"; name: string }> {
  const { github, google } = env();
  return [...(github ? [{ id: "github" as const, name: "GitHub" }] : []), ...(google ? [{ id: "google" as const, name: "Google" }] : [])];
}
