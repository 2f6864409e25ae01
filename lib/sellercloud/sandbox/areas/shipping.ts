/**
 * Sandbox area "shipping": SellerCloud's shipping writes, PUT /api/Orders/ShippingStatus, PUT
 * /api/Orders/ShippingStatus/SinglePackage and POST /api/Orders/{id}/Shipping/Packages. The rules
 * live in state/shipping.ts; each answers 200 with an empty body.
 */
import { asObject, type Routed } from "../exchange";
import type { SandboxArea } from "./area";

/** SellerCloud's answer to a shipping write: 200, empty body. */
const done = (): Routed => ({ status: 200, text: "" });

export const shippingArea: SandboxArea = {
  name: "shipping",
  routes: [
    {
      method: "PUT",
      path: "/api/Orders/ShippingStatus",
      handle({ state, body }) {
        state.updateShippingStatus(asObject(body));
        return done();
      },
    },
    {
      method: "PUT",
      path: "/api/Orders/ShippingStatus/SinglePackage",
      handle({ state, body }) {
        state.updateSinglePackage(asObject(body));
        return done();
      },
    },
    {
      method: "POST",
      path: /^\/api\/orders\/(\d+)\/shipping\/packages$/,
      handle({ state, body, params: [orderId] }) {
        state.createPackages(Number(orderId), asObject(body));
        return done();
      },
    },
  ],
};
