/**
 * The webhook queue on the operations runtime: every scheduler tick (Vercel cron, the in-process
 * ticker, curl from crontab) works due deliveries within its share of the tick's budget.
 */
import type { TickJob } from "@/lib/operations/tick-jobs";
import { workWebhookDeliveries } from "./worker";

export const webhookDeliveryTickJob: TickJob = {
  name: "webhook-deliveries",
  run: (db, control) =>
    workWebhookDeliveries(
      { db, log: control.log, now: control.now },
      { deadline: control.deadline, stop: control.stop },
    ),
};
