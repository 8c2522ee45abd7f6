import { listOrders } from "@voicecraft/core/order";
import { createHandler } from "../http/handler.ts";
import { ok } from "../http/response.ts";
import { ordersList } from "../routes.ts";

export const handler = createHandler(ordersList, async ({ org, query }) =>
  ok(await listOrders(org, query)),
);
