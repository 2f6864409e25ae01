/**
 * SellerCloud connections: testing a login, storing it encrypted, and reading it back for the
 * client factory. Secrets leave this module only as ciphertext (to the database) or inside a
 * SellerCloud client (to SellerCloud); views carry `hasPassword`/`hasApiToken` flags instead.
 */

import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { channels, connections } from "@/db/schema/channels";
import { decryptSecret, encryptSecret, type SecretField } from "@/lib/crypto/credentials";
import { type SealedTable, sealedTable } from "@/lib/crypto/reencrypt-table";
import type { CredentialKey } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { SellerCloudClient } from "@/lib/sellercloud/client";
import { isSellerCloudError } from "@/lib/sellercloud/errors";
import type { AddressCheck } from "@/lib/sellercloud/guarded-fetch";
import { resolveBaseUrl } from "@/lib/sellercloud/base-url";
import { TokenCache } from "@/lib/sellercloud/token-cache";
import { addressCheckFor, checkApiHost, currentApiHostPolicy } from "./api-host-policy";
import type { ConnectionSummary, ConnectStepInput } from "./wizard";

export type Connection = typeof connections.$inferSelect;

export interface ConnectionCredentials {
  baseUrl: string;
  username: string;
  password: string | undefined;
  apiToken: string | undefined;
}

export function toConnectionSummary(row: Connection): ConnectionSummary {
  return {
    id: row.id,
    name: row.name,
    username: row.username,
    serverId: row.serverId,
    apiUrl: row.apiUrl,
    hasPassword: Boolean(row.passwordCiphertext),
    hasApiToken: Boolean(row.apiTokenCiphertext),
    lastTestedAt: row.lastTestedAt?.toISOString() ?? null,
    lastTestResult: row.lastTestResult,
  };
}

function binding(row: Pick<Connection, "workspaceId" | "id">, field: SecretField) {
  return { workspaceId: row.workspaceId, connectionId: row.id, field };
}

/** Decrypts a stored connection. Throws a safe AppError when the ciphertext does not belong here. */
export function decryptConnection(row: Connection, keys: readonly CredentialKey[]): ConnectionCredentials {
  return {
    baseUrl: resolveBaseUrl({ serverId: row.serverId, apiUrl: row.apiUrl }),
    username: row.username,
    password: row.passwordCiphertext
      ? decryptSecret(row.passwordCiphertext, binding(row, "password"), keys)
      : undefined,
    apiToken: row.apiTokenCiphertext
      ? decryptSecret(row.apiTokenCiphertext, binding(row, "api_token"), keys)
      : undefined,
  };
}

// --- testing a connection ------------------------------------------------------------------------

export type TestOutcome =
  | { ok: true; kind: "connected"; message: string; username: string; companies: { id: number; name: string }[] }
  | {
      ok: false;
      kind:
        | "wrong_credentials"
        | "unknown_server"
        | "not_sellercloud"
        | "timeout"
        | "unreachable"
        | "invalid"
        | "error";
      message: string;
    };

export interface TestOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Which addresses the test may connect to; defaults to the deployment's policy (api-host-policy.ts). */
  addressCheck?: AddressCheck;
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

/**
 * Calls SellerCloud for real (log in, list companies) and says what happened in plain words.
 * It uses its own token cache so a test always proves the password, not a cached token.
 */
export async function testConnection(
  credentials: ConnectionCredentials,
  options: TestOptions = {},
): Promise<TestOutcome> {
  const host = hostOf(credentials.baseUrl);
  const timeoutMs = options.timeoutMs ?? 15_000;
  try {
    const client = new SellerCloudClient({
      baseUrl: credentials.baseUrl,
      username: credentials.username || undefined,
      password: credentials.password,
      apiToken: credentials.apiToken,
      fetch: options.fetch,
      addressCheck: options.addressCheck ?? addressCheckFor(currentApiHostPolicy()),
      timeoutMs,
      tokenCache: new TokenCache(),
      // A person is waiting: one quick retry at most, then say what went wrong.
      retry: { maxRetries: 1, baseDelayMs: 200, maxDelayMs: 500, maxThrottleWaitMs: 5_000 },
    });
    const { companies } = await client.testConnection();
    const visible = companies.filter((c) => !c.isDisabled).map((c) => ({ id: c.id, name: c.name }));
    const who = credentials.username || "the API token's user";
    const list = visible.length ? `: ${visible.map((c) => `${c.name} (${c.id})`).join(", ")}` : "";
    return {
      ok: true,
      kind: "connected",
      username: who,
      companies: visible,
      message: `Connected to ${host} as ${who}. ${visible.length} ${visible.length === 1 ? "company" : "companies"} visible${list}.`,
    };
  } catch (error) {
    if (!isSellerCloudError(error)) throw error;
    switch (error.kind) {
      case "auth":
        return {
          ok: false,
          kind: "wrong_credentials",
          message: `${host} did not accept that username and password${credentials.apiToken ? " (or API token)" : ""}. Check them and try again.`,
        };
      case "dns":
        return {
          ok: false,
          kind: "unknown_server",
          message: `There is no SellerCloud server at ${host}. Check the Server ID (the first part of your SellerCloud address).`,
        };
      case "not_api":
      case "not_found":
      case "invalid_response":
        return {
          ok: false,
          kind: "not_sellercloud",
          message: `${host} answered, but it is not a SellerCloud API. Check the Server ID or API URL (it looks like https://yourserver.api.sellercloud.com/rest).`,
        };
      case "timeout":
        return {
          ok: false,
          kind: "timeout",
          message: `${host} did not answer within ${Math.round(timeoutMs / 1000)} seconds. Try again, or check the address.`,
        };
      case "connection":
        return { ok: false, kind: "unreachable", message: `Could not connect to ${host}. ${error.message}` };
      case "bad_request":
      case "redirect":
      case "blocked_address":
        return { ok: false, kind: "invalid", message: error.message };
      default:
        return { ok: false, kind: "error", message: `SellerCloud could not be reached: ${error.message}` };
    }
  }
}

// --- storing a connection ------------------------------------------------------------------------

/** The connection of a channel (scoped to the workspace), or undefined. */
export async function findChannelConnection(
  db: Db,
  workspaceId: string,
  channelId: string,
): Promise<Connection | undefined> {
  const [row] = await db
    .select({ connection: connections })
    .from(channels)
    .innerJoin(connections, and(eq(connections.id, channels.connectionId), eq(connections.workspaceId, workspaceId)))
    .where(and(eq(channels.id, channelId), eq(channels.workspaceId, workspaceId)));
  return row?.connection;
}

/**
 * The credentials a form describes: typed values win; a blank password or token means the saved
 * one (the browser never holds it). Throws field errors for what is still missing.
 */
export function mergeCredentials(
  input: ConnectStepInput,
  existing: Connection | undefined,
  keys: readonly CredentialKey[],
): ConnectionCredentials {
  const saved = existing ? decryptConnectionSafe(existing, keys) : undefined;
  const password = input.password || saved?.password;
  const apiToken = input.clearApiToken ? undefined : input.apiToken || saved?.apiToken;
  const fieldErrors: Record<string, string> = {};
  if (!apiToken && !input.username) fieldErrors.username = "Enter your SellerCloud username";
  if (!apiToken && !password) fieldErrors.password = "Enter your SellerCloud password";
  if (input.username && !password && !apiToken) fieldErrors.password = "Enter your SellerCloud password";
  let baseUrl = "";
  const addressField = input.apiUrl ? "apiUrl" : "serverId";
  try {
    baseUrl = resolveBaseUrl({ serverId: input.serverId, apiUrl: input.apiUrl });
    const refused = checkApiHost(baseUrl, currentApiHostPolicy());
    if (refused) fieldErrors[addressField] = refused;
  } catch (error) {
    fieldErrors[addressField] = isSellerCloudError(error) ? error.message : "Check this address";
  }
  if (Object.keys(fieldErrors).length) {
    throw new AppError("VALIDATION", "Some fields need attention.", { fieldErrors });
  }
  return { baseUrl, username: input.username, password, apiToken };
}

/** A saved secret that no longer decrypts (key removed) is treated as absent, so it can be re-entered. */
function decryptConnectionSafe(row: Connection, keys: readonly CredentialKey[]) {
  try {
    return decryptConnection(row, keys);
  } catch {
    return undefined;
  }
}

export interface SaveConnectionInput {
  workspaceId: string;
  channelId: string;
  input: ConnectStepInput;
  keys: readonly CredentialKey[];
  now: Date;
  /** Injected so tests and the sandbox need no network; defaults to a real call. */
  test?: (credentials: ConnectionCredentials) => Promise<TestOutcome>;
}

/**
 * Tests the login, and only if SellerCloud accepts it, stores it (secrets encrypted and bound to
 * this workspace and connection) and attaches it to the channel. A wrong password saves nothing.
 */
export async function saveConnection(
  db: Db,
  args: SaveConnectionInput,
): Promise<{ connection: ConnectionSummary; outcome: TestOutcome }> {
  const existing = await findChannelConnection(db, args.workspaceId, args.channelId);
  const credentials = mergeCredentials(args.input, existing, args.keys);
  const outcome = await (args.test ?? testConnection)(credentials);
  if (!outcome.ok) {
    throw new AppError("BAD_REQUEST", `Nothing was saved. ${outcome.message}`, {
      fieldErrors: outcome.kind === "wrong_credentials" ? { password: outcome.message } : undefined,
    });
  }
  const id = existing?.id ?? crypto.randomUUID();
  const scope = { workspaceId: args.workspaceId, id };
  const values = {
    name: args.input.name,
    username: args.input.username,
    serverId: args.input.apiUrl ? null : args.input.serverId || null,
    apiUrl: args.input.apiUrl || null,
    passwordCiphertext: credentials.password
      ? encryptSecret(credentials.password, binding(scope, "password"), args.keys)
      : null,
    apiTokenCiphertext: credentials.apiToken
      ? encryptSecret(credentials.apiToken, binding(scope, "api_token"), args.keys)
      : null,
    lastTestedAt: args.now,
    lastTestResult: outcome.message,
    updatedAt: args.now,
  };
  const row = await db.transaction(async (tx) => {
    let saved: Connection | undefined;
    if (existing) {
      [saved] = await tx
        .update(connections)
        .set(values)
        .where(and(eq(connections.id, id), eq(connections.workspaceId, args.workspaceId)))
        .returning();
    } else {
      [saved] = await tx
        .insert(connections)
        .values({ id, workspaceId: args.workspaceId, ...values })
        .returning();
      await tx
        .update(channels)
        .set({ connectionId: id, updatedAt: args.now })
        .where(and(eq(channels.id, args.channelId), eq(channels.workspaceId, args.workspaceId)));
    }
    if (!saved) throw new AppError("NOT_FOUND", "That connection was not found.");
    return saved;
  });
  return { connection: toConnectionSummary(row), outcome };
}

/** The decrypted credentials of a channel's connection, for the client factory. */
export async function loadChannelCredentials(
  db: Db,
  scope: { workspaceId: string; channelId: string },
  keys: readonly CredentialKey[],
): Promise<{ connectionId: string; credentials: ConnectionCredentials }> {
  const row = await findChannelConnection(db, scope.workspaceId, scope.channelId);
  if (!row) {
    const [channel] = await db
      .select({ id: channels.id })
      .from(channels)
      .where(and(eq(channels.id, scope.channelId), eq(channels.workspaceId, scope.workspaceId)));
    if (!channel) throw notFound("That channel");
    throw new AppError("BAD_REQUEST", "This channel has no SellerCloud connection yet. Finish the Connect step.");
  }
  return { connectionId: row.id, credentials: decryptConnection(row, keys) };
}

/** The connection columns sealed with CREDENTIALS_KEYS, for key rotation (lib/crypto/key-rotation.ts). */
export const connectionSecrets: SealedTable = sealedTable(
  connections,
  (
    [
      ["passwordCiphertext", "password"],
      ["apiTokenCiphertext", "api_token"],
    ] as const
  ).map(([property, field]) => ({
    property,
    open: (payload, owner, keys) => decryptSecret(payload, binding(owner, field), keys),
    seal: (plaintext, owner, keys) => encryptSecret(plaintext, binding(owner, field), keys),
  })),
);
