import { getAgent } from "@voicecraft/core/agent";
import { createHandler } from "../http/handler.ts";
import { ok } from "../http/response.ts";
import { agentsGet } from "../routes.ts";

export const handler = createHandler(agentsGet, async ({ org, params }) =>
  ok(await getAgent(org, params.agentId)),
);
