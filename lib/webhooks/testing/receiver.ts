/**
 * A webhook receiver for tests: an HTTP server on 127.0.0.1 that records every request (headers,
 * exact body) and answers with the statuses it is given in turn (then 200), and a Standard Webhooks
 * verifier written from the spec with node:crypto alone, so tests check the signature
 * independently of the library that made it.
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  headers: http.IncomingHttpHeaders;
  body: string;
  at: Date;
}

export interface TestReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Statuses to answer with next, in order; once used up, 200. */
  answers: number[];
  close(): Promise<void>;
}

export async function startTestReceiver(path = "/hooks/conduit"): Promise<TestReceiver> {
  const received: ReceivedWebhook[] = [];
  const answers: number[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: new Date() });
      const status = answers.shift() ?? 200;
      res.writeHead(status, { "content-type": "text/plain" });
      res.end(status < 300 ? "ok thanks" : `receiver says no (${status})`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    answers,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Verifies a Standard Webhooks signature as the spec describes it (standardwebhooks.com, "Verifying
 * webhooks"): the key is the base64 after "whsec_"; the signed content is `${id}.${timestamp}.${body}`;
 * the header holds space-separated "v1,<base64 HMAC-SHA256>" entries, any of which may match; the
 * timestamp must be within `toleranceSeconds` of now. Returns a reason when it does not verify.
 */
export function verifyStandardWebhook(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  now = new Date(),
  toleranceSeconds = 300,
): { ok: true } | { ok: false; reason: string } {
  const id = headers["webhook-id"];
  const timestamp = headers["webhook-timestamp"];
  const signatures = headers["webhook-signature"];
  if (typeof id !== "string" || typeof timestamp !== "string" || typeof signatures !== "string") {
    return { ok: false, reason: "missing headers" };
  }
  const seconds = Number(timestamp);
  if (!Number.isInteger(seconds) || Math.abs(now.getTime() / 1000 - seconds) > toleranceSeconds) {
    return { ok: false, reason: "timestamp out of tolerance" };
  }
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = crypto.createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest();
  for (const entry of signatures.split(" ")) {
    const [version, value] = entry.split(",");
    if (version !== "v1" || !value) continue;
    const given = Buffer.from(value, "base64");
    if (given.length === expected.length && crypto.timingSafeEqual(given, expected)) return { ok: true };
  }
  return { ok: false, reason: "no matching signature" };
}
