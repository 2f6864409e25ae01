/** The run shapes the browser polls (JSON, dates as ISO strings) and the helpers that make them. */

import type { RunStatus } from "@/lib/operations/types";

/** A run as JSON delivers it to the browser (dates as ISO strings). */
export interface RunJson {
  id: string;
  channelId: string;
  channelName: string;
  operation: "link_listings" | "get_orders" | "sync_orders" | "sync_prices" | "submit_to_vendors";
  trigger: "manual" | "schedule" | "retry";
  status: RunStatus;
  dryRun: boolean;
  fetchedCount: number;
  createdCount: number;
  updatedCount: number;
  unchangedCount: number;
  skippedCount: number;
  failedCount: number;
  callsUsed: number;
  pagesDone: number;
  total: number | null;
  progressLabel: string | null;
  error: string | null;
  cancelRequested: boolean;
  attempts: number;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface RunEventJson {
  id: number;
  level: "info" | "warn" | "error";
  entity: string;
  entityId: string | null;
  code: string;
  message: string;
  details: Record<string, unknown> | null;
  createdAt: string;
}

export interface RunDetailJson {
  run: RunJson;
  /** lib/operations/queries.ts RunProgressView: done of total, both in `unit`. */
  progress: { unit: string; done: number; total: number | null; percent: number | null } | null;
  events: RunEventJson[];
  moreEvents: boolean;
  /** Every event of the run counted per level (lib/operations/queries.ts RunEventCounts). */
  eventCounts: { all: number; error: number; warn: number; info: number };
  /** The mapping template version the run used (lib/operations/queries.ts RunTemplateVersion), or null. */
  templateVersion: { templateId: string; templateName: string; version: number } | null;
  durationMs: number | null;
}

/** Server data to the JSON shape the client polls, so both render the same way. */
export function toJson<T>(value: unknown): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export const isLive = (status: RunStatus) => status === "queued" || status === "running";
