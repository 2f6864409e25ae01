/** GET /api/channels/<id>/preview-orders: SellerCloud orders for the Get Orders template preview. */

import { NextResponse } from "next/server";
import { getDb } from "@/db/index";
import { createSellerCloudClient } from "@/lib/channels/client-factory";
import { AppError } from "@/lib/errors";
import { fetchPreviewOrders } from "@/lib/orders/preview-source";
import { jsonRoute } from "@/lib/server/handle";
import { idParam } from "@/lib/server/route-params";

export const dynamic = "force-dynamic";

/** Recent SellerCloud orders of the channel (or `?orderId=`) for the template editor's preview. */
export const GET = jsonRoute(
  async (request, { params }: { params: Promise<{ id: string }> }, session) => {
    const id = idParam((await params).id, "That channel");
    const text = new URL(request.url).searchParams.get("orderId")?.trim();
    if (text && !/^\d{1,15}$/.test(text))
      throw new AppError("VALIDATION", "An order ID is a SellerCloud order number, digits only.", {
        fieldErrors: { orderId: "Digits only" },
      });
    const db = await getDb();
    const scope = { workspaceId: session.workspaceId, channelId: id };
    const orders = await fetchPreviewOrders(db, scope, {
      orderId: text ? Number(text) : undefined,
      now: new Date(),
      createClient: () => createSellerCloudClient(db, scope),
    });
    return NextResponse.json({ orders });
  },
  { capability: "templates.edit" },
);
