import { beforeEach, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { describeEachDb } from "@/db/testing/describe-db";
import { seedChannel } from "@/lib/operations/testing/fixtures";

/**
 * POST /api/shipments/upload: the shipments CSV streamed through a route handler under the one
 * upload cap (no server-action 1 MB limit). The cap is made 2 MB here so files just under and just
 * over it stay small; the session is stubbed, the database is real.
 */

const CAP = 2 * 1024 * 1024;
const state = vi.hoisted(() => ({ db: undefined as unknown, workspaceId: null as string | null, realCap: 0 }));
vi.mock("@/db/index", () => ({ getDb: async () => state.db }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/server/session", async () => {
  const { AppError } = await import("@/lib/errors");
  return {
    requireApiSession: async () => {
      if (!state.workspaceId) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
      return { userId: null, email: "u@example.com", name: null, workspaceId: state.workspaceId, role: "owner" };
    },
  };
});
vi.mock("@/lib/server/request-body", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/server/request-body")>();
  state.realCap = actual.BODY_LIMITS.csvUpload;
  return { ...actual, BODY_LIMITS: { ...actual.BODY_LIMITS, csvUpload: 2 * 1024 * 1024 } };
});

const { POST } = await import("./route");

/** A body that arrives in 64 KB chunks with no declared length, as a streamed upload does. */
function streamed(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + 65_536));
      offset += 65_536;
    },
  });
}

function upload(bytes: Uint8Array, headers: Record<string, string> = {}) {
  return new Request("http://localhost/api/shipments/upload", {
    method: "POST",
    headers: { "content-type": "text/csv", ...headers },
    body: streamed(bytes),
    duplex: "half",
  } as RequestInit);
}

/** A shipments CSV of exactly `size` bytes: rows for an order that does not exist, padded in the last row. */
function csvOfSize(size: number): { bytes: Uint8Array; rows: number } {
  const header = "order_number,tracking_number,carrier,service,ship_date\n";
  // ~120 bytes a row: a file at the cap stays under the importer's 20,000 rows.
  const row = (i: number) =>
    `NOPE-1,1Z${String(i).padStart(16, "0")},UPS,Ground Residential Signature Required Saturday Delivery Extended Area,2026-01-05\n`;
  let text = header;
  let rows = 0;
  while (text.length + row(rows).length * 2 < size) text += row(rows++);
  const last = row(rows++);
  text += last.replace("Ground", `Ground${"x".repeat(size - text.length - last.length)}`);
  const bytes = new TextEncoder().encode(text);
  expect(bytes.length).toBe(size);
  return { bytes, rows };
}

describeEachDb("shipments CSV upload route", (ctx) => {
  beforeEach(async () => {
    state.db = ctx.db as Db;
    state.workspaceId = (await seedChannel(ctx.db)).workspaceId;
  });

  it("shares the one upload cap, well above the old 1 MB server-action limit", () => {
    expect(state.realCap).toBeGreaterThan(1024 * 1024);
  });

  it("answers 401 without a session", async () => {
    state.workspaceId = null;
    expect((await POST(upload(new TextEncoder().encode("order_number\n")), undefined)).status).toBe(401);
  });

  it("reads a file exactly at the cap, every row accounted for", async () => {
    const { bytes, rows } = csvOfSize(CAP);
    expect(rows).toBeGreaterThan(15_000);
    const response = await POST(upload(bytes), undefined);
    const result = await response.json();
    expect(response.status, JSON.stringify(result).slice(0, 300)).toBe(200);
    expect(result).toMatchObject({ rows, rejected: rows, shipmentsCreated: 0 });
    expect(result.errors[0]).toMatchObject({ row: 2, column: "order_number" });
  }, 60_000);

  it("refuses a file one byte over the cap with a plain 413, streamed or declared", async () => {
    const { bytes } = csvOfSize(CAP + 1);
    const streamedResponse = await POST(upload(bytes), undefined);
    expect(streamedResponse.status).toBe(413);
    expect((await streamedResponse.json()).error).toBe("The file is larger than 2 MB, the most Conduit accepts here.");
    const declared = await POST(upload(bytes, { "content-length": String(bytes.length) }), undefined);
    expect(declared.status).toBe(413);
  });

  it("hands the importer the bytes, so a Windows-1252 file is read as one", async () => {
    const bytes = Buffer.from("order_number;tracking_number;carrier\nNOPE-1;1Z 999;La Poste \xE9co\n", "latin1");
    const response = await POST(upload(bytes), undefined);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ format: { encoding: "windows-1252", delimiter: ";" }, rows: 1 });
  });

  it("says an empty file is empty", async () => {
    const response = await POST(upload(new Uint8Array()), undefined);
    expect(response.status).toBe(422);
    expect((await response.json()).error).toBe("The file is empty.");
  });
});
