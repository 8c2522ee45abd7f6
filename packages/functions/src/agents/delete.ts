import { deleteAgent } from "@voicecraft/core/agent";
import { createHandler } from "../http/handler.ts";
import { noContent } from "../http/response.ts";
import { agentsDelete } from "../routes.ts";

export const handler = createHandler(agentsDelete, async ({ org, params }) => {
  await deleteAgent(org, params.agentId);
  return noContent();
});
