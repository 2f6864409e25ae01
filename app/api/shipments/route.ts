import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { jsonRoute } from "@/lib/server/handle";
import { createShipmentFromApi } from "@/lib/shipments/api";

export const dynamic = "force-dynamic";

/**
 * Record a shipment from a warehouse or 3PL: `Authorization: Bearer <api key>` and a JSON body
 * (apiShipmentSchema in lib/shipments/schemas.ts). 201 with the shipment; 401/403/422 come back
 * as JSON errors with field messages.
 */
export const POST = jsonRoute(async (request: Request) => {
  // A body that is not JSON is validated (422) after the key is checked (401), like any bad body.
  const body: unknown = await request.json().catch(() => "(not JSON)");
  const shipment = await createShipmentFromApi(await getDb(), {
    authorization: request.headers.get("authorization"),
    body,
  });
  return NextResponse.json({ shipment: { ...shipment, syncState: "pending" } }, { status: 201 });
});
