/**
 * Each wizard step's input schema: what its form sends and what the server accepts. The step
 * forms validate with these in the browser, so this module stays light: the cron check of the
 * schedules step is passed in (schedulesStepSchemaWith) rather than imported, which keeps
 * cron-parser and Luxon out of the step pages' first-load JavaScript. The step table
 * (lib/channels/wizard.ts) builds the schedules schema with the real check.
 */

import { z } from "zod";
import { INTEGRATION_TYPE_IDS } from "@/lib/integrations/registry";
import {
  linkSettingsSchema,
  listingManagementSchema,
  OPERATIONS,
  orderSettingsSchema,
  pricingRulesSchema,
  scheduleSchema,
  shippingMappingSchema,
} from "./settings";

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

/** A reason a cron expression cannot be used, or null when it is fine (validateCronExpression). */
export type CronCheck = (expression: string) => string | null;

/**
 * The schedules step's schema around a cron check: validateCronExpression from
 * lib/operations/schedule.ts (the step table passes it; the schedules form loads it on demand).
 */
export function schedulesStepSchemaWith(checkCron: CronCheck) {
  return z.object({
    schedules: z
      .array(z.object({ operation: z.enum(OPERATIONS), schedule: scheduleSchema }))
      .superRefine((items, ctx) => {
        items.forEach((item, index) => {
          if (item.schedule.kind !== "cron") return;
          const problem = checkCron(item.schedule.expression);
          if (problem) ctx.addIssue({ code: "custom", path: [index, "schedule", "expression"], message: problem });
        });
      }),
  });
}

export const reviewStepSchema = z.object({});
