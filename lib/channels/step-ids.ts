/**
 * The setup wizard's steps in order, the words the UI shows for each (title and one-line
 * summary), and moving between them (numbers, next, previous). Light enough for the browser: no
 * schemas, so client components that only name or number steps (the not-found page, the form
 * footer) load nothing else. The full step table (schemas, when a step is required and complete)
 * is WIZARD_STEPS in lib/channels/wizard.ts.
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

/** Each step's title and the line under it, as the UI, the step list and the README show them. */
export const STEP_TEXT = {
  details: { title: "Basic details", summary: "Name this channel." },
  integration: { title: "Integration type", summary: "Choose the system this channel connects to." },
  connect: { title: "Connect", summary: "Your SellerCloud login, tested and stored encrypted." },
  operations: { title: "Confirm integrations", summary: "Choose the processes this channel runs." },
  listings: { title: "Listing management", summary: "Which of your listings this channel covers." },
  pricing: { title: "Pricing & quantity rules", summary: "Price and quantity rules, with a preview." },
  linking: { title: "Link settings", summary: "The company and the order in which fields are matched." },
  shipping: { title: "Shipping mappings", summary: "Your carrier names against SellerCloud's carriers and services." },
  orders: { title: "Order settings", summary: "Which SellerCloud orders Get Orders imports." },
  schedules: { title: "Schedules", summary: "When each process runs (UTC)." },
  review: { title: "Review & activate", summary: "Check everything, then activate." },
} satisfies Record<StepId, { title: string; summary: string }>;

/** 0-based position in the wizard. */
export function stepIndex(id: StepId): number {
  return STEP_IDS.indexOf(id);
}

/** "Step 5 of 11": the number the UI and the README give a step. */
export function stepNumber(id: StepId): number {
  return stepIndex(id) + 1;
}

/** The step after `id` (review stays review). */
export function nextStepId(id: StepId): StepId {
  return STEP_IDS[Math.min(stepIndex(id) + 1, STEP_IDS.length - 1)] ?? "review";
}

/** The step before `id`, null for the first. */
export function previousStepId(id: StepId): StepId | null {
  const index = stepIndex(id);
  return STEP_IDS[index - 1] ?? null;
}
