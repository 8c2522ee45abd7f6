import { getOrder } from "@voicecraft/core/order";
import { createHandler } from "../http/handler.ts";
import { ok } from "../http/response.ts";
import { ordersGet } from "../routes.ts";

export const handler = createHandler(ordersGet, async ({ org, params }) =>
  ok(await getOrder(org, params.orderId)),
);
