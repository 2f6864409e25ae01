import { describe, expect, it } from "vitest";
import { plainMessage } from "./form-messages";
import { NUMBER_MESSAGES, orderSettingsSchema, pricingRulesSchema, scheduleSchema } from "./settings";

/** The message a form shows for one field: the schema's, through the forms' plainMessage. */
function messageFor(
  result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } },
  path: string,
) {
  const issue = result.error?.issues.find((i) => i.path.join(".") === path);
  return plainMessage(issue?.message);
}

const pricing = (patch: { price?: object; quantity?: object }) =>
  pricingRulesSchema.safeParse({ price: { ...patch.price }, quantity: { ...patch.quantity } });

describe("wizard number fields say the range allowed (issue 14 §9)", () => {
  it("percent of stock -5 and 150", () => {
    expect(messageFor(pricing({ quantity: { percentOfStock: -5 } }), "quantity.percentOfStock")).toBe(
      "Enter a percentage from 0 to 100",
    );
    expect(messageFor(pricing({ quantity: { percentOfStock: 150 } }), "quantity.percentOfStock")).toBe(
      NUMBER_MESSAGES.percentOfStock,
    );
  });

  it("schedule minute 75, -1, 2.5 and empty", () => {
    for (const minute of [75, -1, 2.5, Number.NaN])
      expect(messageFor(scheduleSchema.safeParse({ kind: "hourly", minute }), "minute")).toBe(
        "Enter a minute from 0 to 59",
      );
  });

  it("a negative price, buffer and maximum", () => {
    expect(messageFor(pricing({ price: { min: -5 } }), "price.min")).toBe(
      "Enter an amount of 0 or more, like 12.99, or leave it empty",
    );
    expect(messageFor(pricing({ quantity: { buffer: -1 } }), "quantity.buffer")).toBe(NUMBER_MESSAGES.buffer);
    expect(messageFor(pricing({ quantity: { max: 1.5 } }), "quantity.max")).toBe(NUMBER_MESSAGES.maxQuantity);
    expect(messageFor(pricing({ price: { amount: -3 } }), "price.amount")).toBe(NUMBER_MESSAGES.amount);
  });

  it("order age 0 days", () => {
    expect(messageFor(orderSettingsSchema.safeParse({ companyId: 1, ageDays: 0 }), "ageDays")).toBe(
      "Enter a whole number of days from 1 to 365",
    );
  });

  it("zod's own range messages are not 'Enter a number'", () => {
    expect(plainMessage("Too small: expected number to be >=0")).toBe("Enter 0 or more");
    expect(plainMessage("Too big: expected number to be <=59")).toBe("Enter 59 or less");
    expect(plainMessage("Invalid input: expected number, received NaN")).toBe("Enter a number");
  });
});
