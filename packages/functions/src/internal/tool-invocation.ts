import { findCall, recordToolInvocation } from "@voicecraft/core/call";
import { redactToolArguments } from "@voicecraft/core/redaction";
import { NotFoundError } from "@voicecraft/core/util/errors";
import { createHandler } from "../http/handler.ts";
import { internalToolInvocation } from "../routes.ts";
import { refuseReplay } from "./replay.ts";

/**
 * A tool the agent's model invoked. This is the one place tool invocations are
 * persisted, and the raw arguments go through redaction first (TC1): only the redacted
 * copy and the categories found leave this function. The raw arguments are never logged
 * (the logger censors `arguments` keys, TC2) and die with the request.
 */
export const handler = createHandler(
  internalToolInvocation,
  async ({ db, params, body, webhook, log }) => {
    const call = await findCall(db, params.callId);
    if (!call) throw new NotFoundError("CALL_NOT_FOUND", "No such call.");

    const { redacted, findings } = redactToolArguments(body.arguments, { toolName: body.toolName });
    const stored = await db.transaction(async (tx) => {
      await refuseReplay(tx, webhook, call.orgId);
      return recordToolInvocation(tx, call, {
        invocationId: body.invocationId,
        toolName: body.toolName,
        redactedArguments: redacted,
        status: body.status,
        resultSummary: body.resultSummary,
      });
    });
    log.info({
      event: "tool_invocation.stored",
      tool: body.toolName,
      redacted: findings.map((finding) => finding.category),
    });
    return { status: stored ? 201 : 200, body: { status: stored ? "stored" : "duplicate" } };
  },
);
