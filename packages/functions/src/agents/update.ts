import { updateAgent } from "@voicecraft/core/agent";
import { createHandler } from "../http/handler.ts";
import { ok } from "../http/response.ts";
import { agentsUpdate } from "../routes.ts";

export const handler = createHandler(agentsUpdate, async ({ org, params, body }) =>
  ok(await updateAgent(org, params.agentId, body)),
);
