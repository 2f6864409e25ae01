/** POST /api/shipments: record a shipment with an API key (warehouses, 3PLs). */

import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { jsonRoute } from "@/lib/server/handle";
import { readJsonBody } from "@/lib/server/request-body";
import { createShipmentFromApi } from "@/lib/shipments/api";

export const dynamic = "force-dynamic";

/**
 * Record a shipment from a warehouse or 3PL: `Authorization: Bearer <api key>` and a JSON body
 * (apiShipmentSchema in lib/shipments/schemas.ts, at most 256 KB). 201 with the shipment;
 * 401/404/413/422 come back as JSON errors with field messages. Authenticated by the key alone
 * (a session cookie is ignored), so the Origin check for cookie requests does not apply: a request
 * without a key is 401 even from a signed-in browser.
 */
export const POST = jsonRoute(
  async (request: Request) => {
    // A body that is not JSON is validated (422) after the key is checked (401), like any bad body.
    const body = await readJsonBody(request);
    const shipment = await createShipmentFromApi(await getDb(), {
      authorization: request.headers.get("authorization"),
      body,
    });
    return NextResponse.json({ shipment: { ...shipment, syncState: "pending" } }, { status: 201 });
  },
  { authenticatedBy: "apiKey" },
);
