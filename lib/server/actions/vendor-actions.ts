"use server";

/** Vendors page and routing editor actions (issue 18): admins manage vendors, keys and rules; anyone reading may preview. */

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/index";
import { retryFailedDeliveries } from "@/lib/operations/submit-to-vendors";
import { createVendorApiKey, revokeVendorApiKey } from "@/lib/vendors/api-keys";
import { previewRouting, saveRoutingRules } from "@/lib/vendors/routing-rules";
import { routingRuleInputSchema, routingRulesInputSchema, vendorInputSchema } from "@/lib/vendors/schemas";
import { createVendor, rotateWebhookSecret, setVendorArchived, updateVendor } from "@/lib/vendors/vendors";
import { authedAction } from "../handle";

const vendorIdSchema = z.object({ vendorId: z.uuid() });

/** Creates a vendor; a webhook vendor's signing secret is returned once. */
export const createVendorAction = authedAction("vendors.manage", vendorInputSchema, async (input, session) => {
  const result = await createVendor(await getDb(), session.workspaceId, input);
  revalidatePath("/vendors");
  return { id: result.vendor.id, webhookSecret: result.webhookSecret };
});

export const updateVendorAction = authedAction(
  "vendors.manage",
  z.object({ vendorId: z.uuid(), vendor: vendorInputSchema }),
  async ({ vendorId, vendor }, session) => {
    const result = await updateVendor(await getDb(), { workspaceId: session.workspaceId, vendorId }, vendor);
    revalidatePath(`/vendors/${vendorId}`);
    return { id: vendorId, webhookSecret: result.webhookSecret };
  },
);

export const rotateVendorSecretAction = authedAction(
  "vendors.manage",
  vendorIdSchema,
  async ({ vendorId }, session) => {
    const secret = await rotateWebhookSecret(await getDb(), { workspaceId: session.workspaceId, vendorId });
    revalidatePath(`/vendors/${vendorId}`);
    return { webhookSecret: secret };
  },
);

export const archiveVendorAction = authedAction(
  "vendors.manage",
  z.object({ vendorId: z.uuid(), archived: z.boolean() }),
  async ({ vendorId, archived }, session) => {
    await setVendorArchived(await getDb(), { workspaceId: session.workspaceId, vendorId }, archived);
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
    revalidatePath(`/vendors/${vendorId}`);
    return { key, prefix: summary.prefix, name: summary.name };
  },
);

export const revokeVendorKeyAction = authedAction(
  "vendors.manage",
  z.object({ vendorId: z.uuid(), id: z.uuid() }),
  async ({ vendorId, id }, session) => {
    await revokeVendorApiKey(await getDb(), { workspaceId: session.workspaceId, id });
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
