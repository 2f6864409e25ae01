/**
 * Sandbox area "settings": GET /api/Settings/ShippingCarriers and GET
 * /api/Settings/ShippingServices?carrier= (the carriers and services the shipping writes accept).
 */
import { SANDBOX_CARRIERS } from "../data/account";
import { json } from "../exchange";
import type { SandboxArea } from "./area";

export const settingsArea: SandboxArea = {
  name: "settings",
  routes: [
    {
      method: "GET",
      path: "/api/Settings/ShippingCarriers",
      handle: () =>
        json(
          200,
          Object.keys(SANDBOX_CARRIERS).map((c) => ({ Key: c, Value: c })),
        ),
    },
    {
      method: "GET",
      path: "/api/Settings/ShippingServices",
      handle({ query }) {
        const carrier = query.bare("carrier");
        if (!carrier)
          return json(400, {
            Message: "The request is invalid.",
            ModelState: { carrier: ["The carrier field is required."] },
          });
        const key = Object.keys(SANDBOX_CARRIERS).find((c) => c.toLowerCase() === carrier.toLowerCase());
        return json(
          200,
          (key ? SANDBOX_CARRIERS[key]! : []).map((s) => ({ Key: s, Value: s })),
        );
      },
    },
  ],
};
