import { createAgent } from "@voicecraft/core/agent";
import { createHandler } from "../http/handler.ts";
import { created } from "../http/response.ts";
import { agentsCreate } from "../routes.ts";

export const handler = createHandler(agentsCreate, async ({ org, body }) =>
  created(await createAgent(org, body)),
);
