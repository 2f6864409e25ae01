/**
 * What the wizard's completion checks look at: a channel as saved (never form state), with its
 * connection summary and its operations. lib/channels/channels.ts builds it (toState); the step
 * table in lib/channels/wizard.ts and the pages read it.
 */

import type { ChannelSettings, Operation, Schedule } from "./settings";

/** The channel's SellerCloud connection without its secrets: only whether each is saved. */
export interface ConnectionSummary {
  id: string;
  name: string;
  username: string;
  serverId: string | null;
  apiUrl: string | null;
  hasPassword: boolean;
  hasApiToken: boolean;
  lastTestedAt: string | null;
  lastTestResult: string | null;
}

/** One process of the channel: whether it is on, its schedule and next scheduled run (ISO time). */
export interface ChannelOperationState {
  operation: Operation;
  enabled: boolean;
  schedule: Schedule;
  nextRunAt: string | null;
}

export interface ChannelState {
  id: string;
  name: string;
  status: "draft" | "active" | "paused";
  integrationType: string | null;
  connection: ConnectionSummary | null;
  operations: ChannelOperationState[];
  settings: ChannelSettings;
  completedSteps: string[];
  currentStep: string;
  activatedAt: string | null;
}

export function isOperationEnabled(state: Pick<ChannelState, "operations">, operation: Operation): boolean {
  return state.operations.some((o) => o.operation === operation && o.enabled);
}
