/**
 * The environment: every variable Conduit reads, validated and typed (env(), readEnv), with the
 * generated local secrets and the credential keys' parsing.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseTrustedProxies } from "@/lib/accounts/client-ip";

/**
 * Every environment variable Conduit reads, validated once. Secrets that a local, embedded
 * setup may lack are generated into the data folder, so `npm start` works on a fresh machine;
 * a production deployment on a shared database must set them explicitly.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().positive().default(3000),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default(".data"),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  // The public URL people use (https://conduit.example.com). Every absolute URL (OAuth redirect_uri,
  // sign-in links), the session cookie's Secure flag and __Secure- prefix, HSTS and the Origin check
  // derive from it, never from request headers. Auth.js reads it too.
  AUTH_URL: z
    .string()
    .url("AUTH_URL must be the app's public URL, like https://conduit.example.com")
    .refine((v) => /^https?:\/\//i.test(v), "AUTH_URL must start with https:// (or http:// for local use)")
    .optional(),
  // Reverse proxies whose X-Forwarded-For entries are trusted: addresses or CIDR ranges, comma-separated.
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      try {
        if (value) parseTrustedProxies(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
      }
    }),
  // "id:base64key[,id:base64key…]"; the first key encrypts, all of them decrypt (rotation).
  CREDENTIALS_KEYS: z.string().optional(),
  CRON_SECRET: z.string().min(16, "CRON_SECRET must be at least 16 characters").optional(),
  AUTH_GITHUB_ID: z.string().optional(),
  AUTH_GITHUB_SECRET: z.string().optional(),
  AUTH_GOOGLE_ID: z.string().optional(),
  AUTH_GOOGLE_SECRET: z.string().optional(),
  // "true"/"false"; default on for the embedded local setup, off elsewhere.
  SANDBOX_ENABLED: z.enum(["true", "false"]).optional(),
  // In-process scheduler tick for self-hosted servers; on unless "false".
  SCHEDULER_ENABLED: z.enum(["true", "false"]).optional(),
  // Hosts a SellerCloud connection may use: "*" or extra host suffixes; default SellerCloud's own
  // domains when the sandbox is off (see lib/channels/api-host-policy.ts).
  SELLERCLOUD_ALLOWED_HOSTS: z.string().optional(),
  // Calls per hour one SellerCloud login may make, shared by every process (default 10,800).
  SELLERCLOUD_CALLS_PER_HOUR: z.coerce
    .number()
    .int("SELLERCLOUD_CALLS_PER_HOUR must be a whole number of calls per hour")
    .min(1, "SELLERCLOUD_CALLS_PER_HOUR must be at least 1")
    .optional(),
  // Outgoing mail: smtp://user:pass@host:587 or smtps://…:465 (nodemailer's URL form). Unset: mails
  // are kept in the local outbox table and their links printed in the server log (lib/email/send.ts).
  SMTP_URL: z
    .string()
    .url("SMTP_URL must be a URL like smtp://user:password@smtp.example.com:587")
    .refine((v) => /^smtps?:\/\//i.test(v), "SMTP_URL must start with smtp:// or smtps://")
    .optional(),
  // The From of every mail, "Conduit <conduit@example.com>" or a bare address.
  MAIL_FROM: z.string().min(3, "MAIL_FROM must be an address like Conduit <conduit@example.com>").optional(),
  // Webhook hosts that may be private or loopback, or use http:// (an internal receiver): exact hosts,
  // comma-separated, or "*". Unset: webhooks go only to https:// hosts with public addresses.
  WEBHOOK_ALLOWED_HOSTS: z.string().optional(),
  VERCEL: z.string().optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

/** The names of every variable above (tests clear them all: lib/testing/test-env.ts). */
export const ENV_VARIABLES = Object.keys(envSchema.shape) as readonly (keyof typeof envSchema.shape)[];

export interface CredentialKey {
  id: string;
  key: Buffer;
}

export interface Env {
  nodeEnv: "development" | "production" | "test";
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  authSecret: string;
  /** AUTH_URL parsed; undefined when unset (local use: URLs then follow the request). */
  authUrl: URL | undefined;
  /** TRUSTED_PROXIES as given (validated); see lib/accounts/client-ip.ts. */
  trustedProxies: string | undefined;
  credentialKeys: CredentialKey[];
  cronSecret: string | undefined;
  github: { id: string; secret: string } | undefined;
  google: { id: string; secret: string } | undefined;
  sandboxEnabled: boolean;
  sellercloudAllowedHosts: string | undefined;
  /** SELLERCLOUD_CALLS_PER_HOUR: one login's shared budget; undefined = SellerCloud's 10,800. */
  sellercloudCallsPerHour: number | undefined;
  schedulerEnabled: boolean;
  /** SMTP_URL (holds the SMTP password: never log it); undefined = the local outbox. */
  smtpUrl: string | undefined;
  /** MAIL_FROM; default "Conduit <conduit@<AUTH_URL's host, or localhost>>". */
  mailFrom: string;
  /** WEBHOOK_ALLOWED_HOSTS as given (lib/webhooks/address-policy.ts); undefined when unset. */
  webhookAllowedHosts: string | undefined;
  isVercel: boolean;
  logLevel: "debug" | "info" | "warn" | "error";
}

export function parseCredentialKeys(value: string): CredentialKey[] {
  return value.split(",").map((part, index) => {
    const [id, encoded] = part.trim().split(":");
    const key = encoded ? Buffer.from(encoded, "base64") : Buffer.alloc(0);
    if (!id || key.length !== 32) {
      throw new Error(`CREDENTIALS_KEYS entry ${index + 1} must be "id:base64" with a 32-byte key`);
    }
    return { id, key };
  });
}

interface GeneratedSecrets {
  authSecret: string;
  credentialsKeys: string;
}

function loadOrCreateLocalSecrets(dataDir: string): GeneratedSecrets {
  const file = path.join(dataDir, "secrets.json");
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as GeneratedSecrets;
  const secrets: GeneratedSecrets = {
    authSecret: crypto.randomBytes(32).toString("base64url"),
    credentialsKeys: `k1:${crypto.randomBytes(32).toString("base64")}`,
  };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  const e = parsed.data;
  const isVercel = Boolean(e.VERCEL);
  const embedded = !e.DATABASE_URL;
  // A shared deployment must not silently mint secrets that other instances would not share.
  const mustBeExplicit = (e.NODE_ENV === "production" && !embedded) || isVercel;
  let authSecret = e.AUTH_SECRET;
  let keys = e.CREDENTIALS_KEYS;
  if (!authSecret || !keys) {
    if (mustBeExplicit) {
      const missing = [!authSecret && "AUTH_SECRET", !keys && "CREDENTIALS_KEYS"].filter(Boolean);
      throw new Error(`Missing required environment in production: ${missing.join(", ")}`);
    }
    const local = loadOrCreateLocalSecrets(e.DATA_DIR);
    authSecret ??= local.authSecret;
    keys ??= local.credentialsKeys;
  }
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    authSecret,
    authUrl: e.AUTH_URL ? new URL(e.AUTH_URL) : undefined,
    trustedProxies: e.TRUSTED_PROXIES?.trim() || undefined,
    credentialKeys: parseCredentialKeys(keys),
    cronSecret: e.CRON_SECRET,
    github:
      e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET ? { id: e.AUTH_GITHUB_ID, secret: e.AUTH_GITHUB_SECRET } : undefined,
    google:
      e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET ? { id: e.AUTH_GOOGLE_ID, secret: e.AUTH_GOOGLE_SECRET } : undefined,
    sandboxEnabled: e.SANDBOX_ENABLED ? e.SANDBOX_ENABLED === "true" : embedded && !isVercel,
    sellercloudAllowedHosts: e.SELLERCLOUD_ALLOWED_HOSTS,
    sellercloudCallsPerHour: e.SELLERCLOUD_CALLS_PER_HOUR,
    schedulerEnabled: e.SCHEDULER_ENABLED !== "false" && !isVercel,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM?.trim() || `Conduit <conduit@${e.AUTH_URL ? new URL(e.AUTH_URL).hostname : "localhost"}>`,
    webhookAllowedHosts: e.WEBHOOK_ALLOWED_HOSTS?.trim() || undefined,
    isVercel,
    logLevel: e.LOG_LEVEL,
  };
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= readEnv();
  return cached;
}
