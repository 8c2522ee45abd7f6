import { listAgents } from "@voicecraft/core/agent";
import { createHandler } from "../http/handler.ts";
import { ok } from "../http/response.ts";
import { agentsList } from "../routes.ts";

export const handler = createHandler(agentsList, async ({ org, query }) =>
  ok(await listAgents(org, query)),
);
