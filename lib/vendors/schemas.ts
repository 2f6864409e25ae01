/**
 * Input schemas of vendors and routing rules, shared by the Vendors page forms, the server actions
 * and the vendor API (no server-only imports here).
 */

import { z } from "zod";
import { DELIVERY_METHODS, ROUTING_RULE_KINDS } from "@/db/schema/vendors";

export const DELIVERY_METHOD_LABELS = {
  webhook: "Signed webhook (JSON POST)",
  email: "Email with a CSV attachment",
  pull: "Pull (the vendor fetches its requests with its API key)",
} as const;

export const vendorInputSchema = z
  .object({
    name: z.string().trim().min(1, "Name the vendor").max(120, "At most 120 characters"),
    code: z
      .string()
      .trim()
      .min(1, "Give the vendor a short code (used in catalog CSV files)")
      .max(40, "At most 40 characters")
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "Letters, digits, dots, dashes and underscores only"),
    contactEmail: z
      .string()
      .trim()
      .max(200)
      .default("")
      .refine((s) => s === "" || z.email().safeParse(s).success, "Enter an email address, or leave it empty"),
    deliveryMethod: z.enum(DELIVERY_METHODS, { message: "Choose how the vendor receives orders" }),
    webhookUrl: z.string().trim().max(2000).default(""),
  })
  .superRefine((v, ctx) => {
    if (v.deliveryMethod === "webhook" && !v.webhookUrl)
      ctx.addIssue({
        code: "custom",
        path: ["webhookUrl"],
        message: "Enter the address the vendor receives webhooks at",
      });
    if (v.deliveryMethod === "email" && !v.contactEmail)
      ctx.addIssue({
        code: "custom",
        path: ["contactEmail"],
        message: "Email delivery needs the vendor's email address",
      });
  });
export type VendorInput = z.input<typeof vendorInputSchema>;
export type VendorData = z.output<typeof vendorInputSchema>;

export const ROUTING_RULE_LABELS = {
  variant_vendor: "The variant's vendor (catalog)",
  brand: "Brand is one of",
  tag: "Tag is one of",
  sku_prefix: "SKU starts with",
  ship_country: "Ship-to country is one of",
  default: "Default (every other line)",
} as const;

export const routingRuleInputSchema = z
  .object({
    kind: z.enum(ROUTING_RULE_KINDS),
    values: z
      .union([z.string(), z.array(z.string())])
      .transform((v) => (typeof v === "string" ? v.split(",") : v).map((s) => s.trim()).filter(Boolean))
      .default([]),
    vendorId: z.uuid().nullable().default(null),
  })
  .superRefine((rule, ctx) => {
    const needsValues = rule.kind !== "variant_vendor" && rule.kind !== "default";
    if (needsValues && rule.values.length === 0)
      ctx.addIssue({ code: "custom", path: ["values"], message: "Enter at least one value (comma-separated)" });
    if (rule.kind === "ship_country" && rule.values.some((c) => !/^[A-Za-z]{2}$/.test(c)))
      ctx.addIssue({ code: "custom", path: ["values"], message: "Use two-letter country codes, like US, CA" });
    if (rule.kind !== "variant_vendor" && !rule.vendorId)
      ctx.addIssue({ code: "custom", path: ["vendorId"], message: "Choose the vendor" });
  });

export const routingRulesInputSchema = z.object({
  channelId: z.uuid(),
  rules: z.array(routingRuleInputSchema).max(100, "At most 100 rules"),
});
export type RoutingRulesInput = z.input<typeof routingRulesInputSchema>;

/** A vendor's answer on lines of one request: acknowledge them, or reject them with a reason. */
export const vendorLineAnswerSchema = z.object({
  /** Order line ids (Conduit's `orderItemId`) of the request; none means every open line. */
  lines: z.array(z.uuid()).default([]),
  reason: z.string().trim().max(500, "At most 500 characters").default(""),
});
