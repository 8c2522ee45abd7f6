import { listCalls } from "@voicecraft/core/call";
import { createHandler } from "../http/handler.ts";
import { ok } from "../http/response.ts";
import { callsList } from "../routes.ts";

export const handler = createHandler(callsList, async ({ org, query }) =>
  ok(await listCalls(org, query)),
);
