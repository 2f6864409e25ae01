/**
 * The inputs of Settings → Webhooks, checked with zod on the server (actions) and used by the forms.
 * No server-only imports: the browser imports this module too.
 */
import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "./event-types";

const id = z.string().uuid("Pick a webhook from the list");
const description = z.string().trim().max(200, "Use at most 200 characters");

export const webhookEndpointFields = {
  url: z.string().trim().min(1, "Enter the address to send events to").max(2_000, "Use a shorter address"),
  description: description.default(""),
  eventTypes: z
    .array(z.enum(WEBHOOK_EVENT_TYPES, { error: "Pick events from the list" }))
    .min(1, "Pick at least one event")
    .transform((types) => [...new Set(types)]),
  enabled: z.boolean().default(true),
};

export const createWebhookInput = z.object(webhookEndpointFields);
export type CreateWebhookInput = z.input<typeof createWebhookInput>;

export const updateWebhookInput = z.object({
  id,
  url: webhookEndpointFields.url.optional(),
  // No default here: a field left out of an edit keeps its value (a default would blank it).
  description: description.optional(),
  eventTypes: webhookEndpointFields.eventTypes.optional(),
  enabled: z.boolean().optional(),
});
export type UpdateWebhookInput = z.input<typeof updateWebhookInput>;

export const webhookIdInput = z.object({ id });
