import { z } from "zod";
import { INTEGRATION_TYPE_IDS } from "@/lib/integrations/registry";
import { validateCronExpression } from "@/lib/operations/schedule";
import {
  type ChannelSettings,
  linkSettingsSchema,
  listingManagementSchema,
  OPERATIONS,
  type Operation,
  orderSettingsSchema,
  pricingRulesSchema,
  type Schedule,
  scheduleSchema,
  shippingMappingSchema,
} from "./settings";

/**
 * The setup wizard, declared once: every step's id, title, input schema, and when it is required
 * and complete. Shared by client and server (no server-only imports). Pages, the step list, the
 * step numbers ("Step 5 of 11") and activation read this table. Three records keyed by step id
 * complete a step, and the type checker names them when a step is added here:
 *   - what the step saves: STEP_SAVERS in lib/channels/save-step.ts;
 *   - its form and the form's starting values: STEP_FORMS in components/channels/step-content.tsx
 *     and STEP_FORM_DEFAULTS in lib/channels/step-defaults.ts.
 * The README's "Creating a SellerCloud channel" lists the steps in this order with these titles
 * (lib/channels/readme-steps.test.ts checks it).
 */

export const STEP_IDS = [
  "details",
  "integration",
  "connect",
  "operations",
  "listings",
  "pricing",
  "linking",
  "shipping",
  "orders",
  "schedules",
  "review",
] as const;
export type StepId = (typeof STEP_IDS)[number];

export function isStepId(value: string): value is StepId {
  return STEP_IDS.some((id) => id === value);
}

/** What the completion checks look at: the saved channel, never form state. */
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

// --- step schemas ------------------------------------------------------------------------------

export const detailsStepSchema = z.object({
  name: z.string().trim().min(1, "Enter a channel name").max(80, "Keep the name to 80 characters or fewer"),
});

export const integrationStepSchema = z.object({
  integrationType: z.enum(INTEGRATION_TYPE_IDS, { message: "Choose an integration type" }),
});

const SERVER_ID = /^[a-z0-9][a-z0-9-]*$/i;

/** Blank password / token mean "keep the saved one"; the server knows whether one is saved. */
export const connectStepSchema = z
  .object({
    name: z.string().trim().min(1, "Enter a connection name").max(80, "Keep the name to 80 characters or fewer"),
    username: z.string().trim().max(200).default(""),
    password: z.string().max(500).default(""),
    serverId: z.string().trim().max(100).default(""),
    apiUrl: z.string().trim().max(500).default(""),
    apiToken: z.string().trim().max(5000).default(""),
    clearApiToken: z.boolean().default(false),
  })
  .superRefine((value, ctx) => {
    if (!value.serverId && !value.apiUrl) {
      ctx.addIssue({
        code: "custom",
        path: ["serverId"],
        message: "Enter your Server ID, or an API URL under Advanced",
      });
    }
    if (value.serverId && !value.apiUrl && !SERVER_ID.test(value.serverId)) {
      ctx.addIssue({
        code: "custom",
        path: ["serverId"],
        message: "A Server ID has only letters, digits and dashes (the first part of your SellerCloud address)",
      });
    }
    if (value.apiUrl && !/^https?:\/\/[^\s/]+/i.test(value.apiUrl)) {
      ctx.addIssue({ code: "custom", path: ["apiUrl"], message: "Enter a full address starting with https://" });
    }
  });
export type ConnectStepInput = z.output<typeof connectStepSchema>;

export const operationsStepSchema = z.object({
  operations: z
    .array(z.enum(OPERATIONS))
    .min(1, "Choose at least one process")
    .refine((ops) => new Set(ops).size === ops.length, "Each process may be chosen once"),
});

/** "a, b ,c" → ["a", "b", "c"]: the form types the list as one comma-separated text box. */
export function splitCommaList(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The listing step takes its list either as an array (saved settings, API callers) or as the
 * form's one comma-separated text box, which starts empty and stays hidden while the scope is
 * "All listings"; both end as the stored list.
 */
const commaSeparatedList = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (typeof value === "string" ? splitCommaList(value) : value))
  .pipe(z.array(z.string().trim().min(1)))
  .default([]);

export const listingsStepSchema = listingManagementSchema
  .extend({ values: commaSeparatedList })
  .superRefine((value, ctx) => {
    if (value.scope !== "all" && value.values.length === 0) {
      const what = { brand: "brand", tag: "tag", sku_prefix: "SKU prefix", all: "" }[value.scope];
      ctx.addIssue({ code: "custom", path: ["values"], message: `Enter at least one ${what}` });
    }
  });

export const pricingStepSchema = pricingRulesSchema.superRefine((value, ctx) => {
  const { min, max } = value.price;
  if (min !== null && max !== null && min > max) {
    ctx.addIssue({ code: "custom", path: ["price", "max"], message: "The maximum price must be at least the minimum" });
  }
});

export const linkingStepSchema = linkSettingsSchema;

export const shippingStepSchema = z.object({
  mappings: z.array(shippingMappingSchema).superRefine((mappings, ctx) => {
    const seen = new Set<string>();
    mappings.forEach((m, index) => {
      const key = `${m.conduitCarrier.toLowerCase()}|${m.conduitService.toLowerCase()}`;
      if (seen.has(key)) {
        ctx.addIssue({
          code: "custom",
          path: [index, "conduitCarrier"],
          message: "This carrier and method are already mapped",
        });
      }
      seen.add(key);
    });
  }),
});

export const ordersStepSchema = orderSettingsSchema;

export const schedulesStepSchema = z.object({
  schedules: z
    .array(z.object({ operation: z.enum(OPERATIONS), schedule: scheduleSchema }))
    .superRefine((items, ctx) => {
      items.forEach((item, index) => {
        if (item.schedule.kind !== "cron") return;
        const problem = validateCronExpression(item.schedule.expression);
        if (problem) ctx.addIssue({ code: "custom", path: [index, "schedule", "expression"], message: problem });
      });
    }),
});

export const reviewStepSchema = z.object({});

// --- the steps ---------------------------------------------------------------------------------

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

const always = () => true;
const never = () => false;
const saved = (id: StepId) => (state: ChannelState) => state.completedSteps.includes(id);

export const WIZARD_STEPS: { [K in StepId]: StepDefinition<K> } = {
  details: {
    id: "details",
    title: "Basic details",
    summary: "Name this channel.",
    schema: STEP_SCHEMAS.details,
    isRequired: always,
    isComplete: (s) => s.name.trim().length > 0,
  },
  integration: {
    id: "integration",
    title: "Integration type",
    summary: "Choose the system this channel connects to.",
    schema: STEP_SCHEMAS.integration,
    isRequired: always,
    isComplete: (s) => s.integrationType === "sellercloud",
  },
  connect: {
    id: "connect",
    title: "Connect",
    summary: "Your SellerCloud login, tested and stored encrypted.",
    schema: STEP_SCHEMAS.connect,
    isRequired: always,
    isComplete: (s) =>
      Boolean(s.connection && ((s.connection.username && s.connection.hasPassword) || s.connection.hasApiToken)),
  },
  operations: {
    id: "operations",
    title: "Confirm integrations",
    summary: "Choose the processes this channel runs.",
    schema: STEP_SCHEMAS.operations,
    isRequired: always,
    isComplete: (s) => s.operations.some((o) => o.enabled),
  },
  listings: {
    id: "listings",
    title: "Listing management",
    summary: "Which of your listings this channel covers.",
    schema: STEP_SCHEMAS.listings,
    isRequired: never,
    isComplete: (s) => Boolean(s.settings.listingManagement),
  },
  pricing: {
    id: "pricing",
    title: "Pricing & quantity rules",
    summary: "Price and quantity rules, with a preview.",
    schema: STEP_SCHEMAS.pricing,
    isRequired: never,
    isComplete: (s) => Boolean(s.settings.pricing),
  },
  linking: {
    id: "linking",
    title: "Link settings",
    summary: "The company and the order in which fields are matched.",
    schema: STEP_SCHEMAS.linking,
    isRequired: (s) => isOperationEnabled(s, "link_listings"),
    isComplete: (s) => Boolean(s.settings.link),
  },
  shipping: {
    id: "shipping",
    title: "Shipping mappings",
    summary: "Your carrier names against SellerCloud's carriers and services.",
    schema: STEP_SCHEMAS.shipping,
    isRequired: never,
    isComplete: saved("shipping"),
  },
  orders: {
    id: "orders",
    title: "Order settings",
    summary: "Which SellerCloud orders Get Orders imports.",
    schema: STEP_SCHEMAS.orders,
    isRequired: (s) => isOperationEnabled(s, "get_orders"),
    isComplete: (s) => Boolean(s.settings.orders),
  },
  schedules: {
    id: "schedules",
    title: "Schedules",
    summary: "When each process runs (UTC).",
    schema: STEP_SCHEMAS.schedules,
    isRequired: always,
    isComplete: saved("schedules"),
  },
  review: {
    id: "review",
    title: "Review & activate",
    summary: "Check everything, then activate.",
    schema: STEP_SCHEMAS.review,
    isRequired: always,
    isComplete: (s) => s.status !== "draft",
  },
};

export const STEPS: StepDefinition[] = STEP_IDS.map((id): StepDefinition => WIZARD_STEPS[id]);

/** "Step 5 of 11": the number the UI and the README give a step. */
export function stepNumber(id: StepId): number {
  return stepIndex(id) + 1;
}

export function stepIndex(id: StepId): number {
  return STEP_IDS.indexOf(id);
}

export function nextStepId(id: StepId): StepId {
  return STEP_IDS[Math.min(stepIndex(id) + 1, STEP_IDS.length - 1)] ?? "review";
}

export function previousStepId(id: StepId): StepId | null {
  const index = stepIndex(id);
  return STEP_IDS[index - 1] ?? null;
}

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
