/**
 * The setup wizard's step table, declared once: every step's id, title, input schema, and when it
 * is required and complete, and what the table answers (which steps are missing, how far a user
 * may go, each step's status). Pages, the step list, the step numbers ("Step 5 of 11") and
 * activation read it. The step order and words are in lib/channels/step-ids.ts, the input schemas
 * in lib/channels/step-schemas.ts, the saved channel the checks read in lib/channels/wizard-state.ts
 * (all re-exported here). Three records keyed by step id complete a step, and the type checker
 * names them when a step is added:
 *   - what the step saves: STEP_SAVERS in lib/channels/save-step.ts;
 *   - its form and the form's starting values: STEP_FORMS in components/channels/step-content.tsx
 *     and STEP_FORM_DEFAULTS in lib/channels/step-defaults.ts.
 * The README's "Creating a SellerCloud channel" lists the steps in this order with these titles
 * (lib/channels/readme-steps.test.ts checks it).
 *
 * Server side only: the schedules schema here checks cron expressions with cron-parser. Client
 * components import step-ids.ts, step-schemas.ts and wizard-state.ts instead.
 */

import type { z } from "zod";
import { validateCronExpression } from "@/lib/operations/schedule";
import type { Operation } from "./settings";
import { isStepId, STEP_IDS, STEP_TEXT, type StepId, stepIndex } from "./step-ids";
import {
  connectStepSchema,
  detailsStepSchema,
  integrationStepSchema,
  linkingStepSchema,
  listingsStepSchema,
  operationsStepSchema,
  ordersStepSchema,
  pricingStepSchema,
  reviewStepSchema,
  schedulesStepSchemaWith,
  shippingStepSchema,
} from "./step-schemas";
import { type ChannelState, isOperationEnabled } from "./wizard-state";

export * from "./step-ids";
export * from "./step-schemas";
export * from "./wizard-state";

/** The schedules step's schema with cron-parser's check of cron expressions. */
export const schedulesStepSchema = schedulesStepSchemaWith(validateCronExpression);

/** Each step's input schema, by step id (a missing step is a type error). */
const STEP_SCHEMAS = {
  details: detailsStepSchema,
  integration: integrationStepSchema,
  connect: connectStepSchema,
  operations: operationsStepSchema,
  listings: listingsStepSchema,
  pricing: pricingStepSchema,
  linking: linkingStepSchema,
  shipping: shippingStepSchema,
  orders: ordersStepSchema,
  schedules: schedulesStepSchema,
  review: reviewStepSchema,
} satisfies Record<StepId, z.ZodType>;

/** What a step stores once its schema has parsed it. */
export type StepValues<K extends StepId> = z.output<(typeof STEP_SCHEMAS)[K]>;
/** What the step's form holds and sends (the schema's input). */
export type StepFormValues<K extends StepId> = z.input<(typeof STEP_SCHEMAS)[K]>;

export interface StepDefinition<K extends StepId = StepId> {
  id: K;
  title: string;
  /** One line under the title. */
  summary: string;
  schema: z.ZodType<StepValues<K>, StepFormValues<K>>;
  isRequired(state: ChannelState): boolean;
  isComplete(state: ChannelState): boolean;
}

/** A step's id, words and schema; the table adds when it is required and complete. */
function step<K extends StepId>(id: K, schema: StepDefinition<K>["schema"]) {
  return { id, ...STEP_TEXT[id], schema };
}

const always = () => true;
const never = () => false;
/** Required while the process is enabled. */
const whileEnabled = (operation: Operation) => (state: ChannelState) => isOperationEnabled(state, operation);
/** Complete once the channel has that setting saved. */
const hasSetting = (key: keyof ChannelState["settings"]) => (state: ChannelState) => Boolean(state.settings[key]);
const hasEnabledOperation = (state: ChannelState) => state.operations.some((o) => o.enabled);
/** Complete once the step has been saved, whatever it holds. */
const saved = (id: StepId) => (state: ChannelState) => state.completedSteps.includes(id);

export const WIZARD_STEPS: { [K in StepId]: StepDefinition<K> } = {
  details: { ...step("details", detailsStepSchema), isRequired: always, isComplete: (s) => s.name.trim().length > 0 },
  integration: {
    ...step("integration", integrationStepSchema),
    isRequired: always,
    isComplete: (s) => s.integrationType === "sellercloud",
  },
  connect: {
    ...step("connect", connectStepSchema),
    isRequired: always,
    isComplete: (s) =>
      Boolean(s.connection && ((s.connection.username && s.connection.hasPassword) || s.connection.hasApiToken)),
  },
  operations: { ...step("operations", operationsStepSchema), isRequired: always, isComplete: hasEnabledOperation },
  listings: { ...step("listings", listingsStepSchema), isRequired: never, isComplete: hasSetting("listingManagement") },
  pricing: { ...step("pricing", pricingStepSchema), isRequired: never, isComplete: hasSetting("pricing") },
  linking: {
    ...step("linking", linkingStepSchema),
    isRequired: whileEnabled("link_listings"),
    isComplete: hasSetting("link"),
  },
  shipping: { ...step("shipping", shippingStepSchema), isRequired: never, isComplete: saved("shipping") },
  orders: {
    ...step("orders", ordersStepSchema),
    isRequired: whileEnabled("get_orders"),
    isComplete: hasSetting("orders"),
  },
  schedules: { ...step("schedules", schedulesStepSchema), isRequired: always, isComplete: saved("schedules") },
  review: { ...step("review", reviewStepSchema), isRequired: always, isComplete: (s) => s.status !== "draft" },
};

export const STEPS: StepDefinition[] = STEP_IDS.map((id): StepDefinition => WIZARD_STEPS[id]);

/** Required steps before activation that are not yet done, in wizard order (review excluded). */
export function missingRequiredSteps(state: ChannelState): StepDefinition[] {
  return STEPS.filter((s) => s.id !== "review" && s.isRequired(state) && !s.isComplete(state));
}

/**
 * The furthest step the user may open: every required step before it must be complete, so a
 * deep link cannot skip the connection, while optional steps never block.
 */
export function furthestReachableStep(state: ChannelState): StepId {
  for (const step of STEPS) {
    if (step.id === "review") return "review";
    if (step.isRequired(state) && !step.isComplete(state)) return step.id;
  }
  return "review";
}

export function canOpenStep(state: ChannelState, id: StepId): boolean {
  return stepIndex(id) <= stepIndex(furthestReachableStep(state));
}

/** Where "resume setup" goes: the saved current step, unless it is out of reach. */
export function resumeStep(state: ChannelState): StepId {
  const current = isStepId(state.currentStep) ? state.currentStep : "details";
  return canOpenStep(state, current) ? current : furthestReachableStep(state);
}

export type StepStatus = "done" | "current" | "todo" | "optional" | "not_needed";

/**
 * The processes whose settings a step holds: with none of them enabled the step is "not needed",
 * the same word for every such step (issue 14 §14: with only Link Listings on, Shipping mappings
 * read Optional while Order settings read Not needed). Order settings serve Sync Orders too
 * (partial shipments, time zone); shipping mappings serve only Sync Orders.
 */
const STEP_SERVES: Partial<Record<StepId, readonly Operation[]>> = {
  linking: ["link_listings"],
  shipping: ["sync_orders"],
  orders: ["get_orders", "sync_orders"],
};

export function stepStatus(state: ChannelState, id: StepId, current: StepId | null): StepStatus {
  const step = WIZARD_STEPS[id];
  if (id === current) return "current";
  if (step.isComplete(state)) return "done";
  if (step.isRequired(state)) return "todo";
  const serves = STEP_SERVES[id];
  if (serves) {
    if (!WIZARD_STEPS.operations.isComplete(state))
      // Before the processes are chosen it is not known whether link and order settings are required.
      return id === "linking" || id === "orders" ? "todo" : "optional";
    if (!serves.some((operation) => isOperationEnabled(state, operation))) return "not_needed";
  }
  return "optional";
}
