"use server";

/** Vendors page and routing editor actions (issue 18): admins manage vendors, keys and rules; anyone reading may preview. */

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/index";
import { retryFailedDeliveries } from "@/lib/operations/submit-to-vendors";
import { createVendorApiKey, revokeVendorApiKey } from "@/lib/vendors/api-keys";
import { previewRouting, saveRoutingRules } from "@/lib/vendors/routing-rules";
import { routingRuleInputSchema, routingRulesInputSchema, vendorInputSchema } from "@/lib/vendors/schemas";
import { diffForAudit } from "@/lib/audit/diff";
import { describeRule } from "@/lib/vendors/routing";
import {
  createVendor,
  getVendorRow,
  rotateWebhookSecret,
  setVendorArchived,
  toVendorSummary,
  updateVendor,
} from "@/lib/vendors/vendors";
import { recordAuditFor } from "../audit";
import { authedAction } from "../handle";

const vendorIdSchema = z.object({ vendorId: z.uuid() });

/** What the audit log shows of a vendor (never its secret). */
const auditable = (v: ReturnType<typeof toVendorSummary>) => ({
  name: v.name,
  code: v.code,
  contactEmail: v.contactEmail,
  deliveryMethod: v.deliveryMethod,
  webhookUrl: v.webhookUrl,
});

/** Creates a vendor; a webhook vendor's signing secret is returned once. */
export const createVendorAction = authedAction("vendors.manage", vendorInputSchema, async (input, session) => {
  const result = await createVendor(await getDb(), session.workspaceId, input);
  await recordAuditFor(session, {
    objectType: "vendor",
    objectId: result.vendor.id,
    objectLabel: result.vendor.name,
    action: "created",
    changes: diffForAudit(null, auditable(result.vendor)),
  });
  revalidatePath("/vendors");
  return { id: result.vendor.id, webhookSecret: result.webhookSecret };
});

export const updateVendorAction = authedAction(
  "vendors.manage",
  z.object({ vendorId: z.uuid(), vendor: vendorInputSchema }),
  async ({ vendorId, vendor }, session) => {
    const db = await getDb();
    const before = toVendorSummary(await getVendorRow(db, { workspaceId: session.workspaceId, vendorId }));
    const result = await updateVendor(db, { workspaceId: session.workspaceId, vendorId }, vendor);
    await recordAuditFor(session, {
      objectType: "vendor",
      objectId: vendorId,
      objectLabel: result.vendor.name,
      action: "updated",
      changes: diffForAudit(auditable(before), auditable(result.vendor)),
    });
    revalidatePath(`/vendors/${vendorId}`);
    return { id: vendorId, webhookSecret: result.webhookSecret };
  },
);

export const rotateVendorSecretAction = authedAction(
  "vendors.manage",
  vendorIdSchema,
  async ({ vendorId }, session) => {
    const secret = await rotateWebhookSecret(await getDb(), { workspaceId: session.workspaceId, vendorId });
    await recordAuditFor(session, {
      objectType: "vendor",
      objectId: vendorId,
      action: "secret_rotated",
      summary: "Replaced the vendor's webhook signing secret.",
    });
    revalidatePath(`/vendors/${vendorId}`);
    return { webhookSecret: secret };
  },
);

export const archiveVendorAction = authedAction(
  "vendors.manage",
  z.object({ vendorId: z.uuid(), archived: z.boolean() }),
  async ({ vendorId, archived }, session) => {
    const vendor = await setVendorArchived(await getDb(), { workspaceId: session.workspaceId, vendorId }, archived);
    await recordAuditFor(session, {
      objectType: "vendor",
      objectId: vendorId,
      objectLabel: vendor.name,
      action: archived ? "archived" : "restored",
    });
    revalidatePath(`/vendors/${vendorId}`);
    revalidatePath("/vendors");
    return { vendorId, archived };
  },
);

export const createVendorKeyAction = authedAction(
  "vendors.manage",
  z.object({ vendorId: z.uuid(), name: z.string().trim().min(1, "Name the key").max(80, "At most 80 characters") }),
  async ({ vendorId, name }, session) => {
    const { key, summary } = await createVendorApiKey(await getDb(), {
      workspaceId: session.workspaceId,
      vendorId,
      name,
    });
    await recordAuditFor(session, {
      objectType: "api_key",
      objectId: summary.id,
      objectLabel: `${summary.name} (vendor key ${summary.prefix})`,
      action: "created",
      summary: "Created a vendor API key.",
    });
    revalidatePath(`/vendors/${vendorId}`);
    return { key, prefix: summary.prefix, name: summary.name };
  },
);

export const revokeVendorKeyAction = authedAction(
  "vendors.manage",
  z.object({ vendorId: z.uuid(), id: z.uuid() }),
  async ({ vendorId, id }, session) => {
    await revokeVendorApiKey(await getDb(), { workspaceId: session.workspaceId, id });
    await recordAuditFor(session, {
      objectType: "api_key",
      objectId: id,
      action: "revoked",
      summary: "Revoked a vendor API key.",
    });
    revalidatePath(`/vendors/${vendorId}`);
    return { id };
  },
);

/** Deliveries that gave up go again with the next Submit to Vendors run. */
export const retryVendorDeliveriesAction = authedAction(
  "vendors.manage",
  vendorIdSchema,
  async ({ vendorId }, session) => {
    const count = await retryFailedDeliveries(await getDb(), { workspaceId: session.workspaceId, vendorId });
    revalidatePath(`/vendors/${vendorId}`);
    return { count };
  },
);

export const saveRoutingRulesAction = authedAction(
  "vendors.manage",
  routingRulesInputSchema,
  async (input, session) => {
    const rules = await saveRoutingRules(await getDb(), session.workspaceId, input);
    await recordAuditFor(session, {
      objectType: "channel",
      objectId: input.channelId,
      action: "routing_rules_saved",
      summary: `Saved ${rules.length} vendor routing rule(s): ${rules.map(describeRule).join("; ") || "none"}.`,
    });
    revalidatePath(`/channels/${input.channelId}/routing`);
    return { count: rules.length };
  },
);

/** Where each line of one imported order would go under the editor's (unsaved) rules. Writes nothing. */
export const previewRoutingAction = authedAction(
  "workspace.read",
  z.object({ channelId: z.uuid(), orderId: z.uuid(), rules: z.array(routingRuleInputSchema) }),
  async ({ channelId, orderId, rules }, session) =>
    previewRouting(await getDb(), { workspaceId: session.workspaceId, channelId, orderId }, rules),
);
