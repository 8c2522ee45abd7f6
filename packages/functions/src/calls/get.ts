import { getCall } from "@voicecraft/core/call";
import { createHandler } from "../http/handler.ts";
import { ok } from "../http/response.ts";
import { callsGet } from "../routes.ts";

export const handler = createHandler(callsGet, async ({ org, params }) =>
  ok(await getCall(org, params.callId)),
);
