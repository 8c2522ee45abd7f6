import {
  type CallStatus,
  findAgentByNumber,
  findCallByProviderId,
  updateCallStatus,
} from "@voicecraft/core/call";
import { createHandler } from "../http/handler.ts";
import { webhooksTwilioStatus } from "../routes.ts";
import { processed, unknownTenant } from "./reply.ts";

const STATUS: Record<string, CallStatus> = {
  queued: "queued",
  ringing: "ringing",
  "in-progress": "in_progress",
  completed: "completed",
  busy: "busy",
  failed: "failed",
  "no-answer": "no_answer",
  canceled: "canceled",
};

/**
 * A call's status moved. The called number names the org and the CallSid the call; both
 * must agree, so a status for one org's number cannot touch another org's call.
 */
export const handler = createHandler(webhooksTwilioStatus, async ({ db, body, runtime }) => {
  const agent = await findAgentByNumber(db, body.To);
  if (!agent) throw unknownTenant("phone number");
  const call = await findCallByProviderId(db, body.CallSid);
  if (!call || call.orgId !== agent.orgId) throw unknownTenant("call");

  const status = STATUS[body.CallStatus];
  if (status) {
    await updateCallStatus(db, {
      orgId: call.orgId,
      callId: call.callId,
      status,
      durationSeconds: body.CallDuration ? Number(body.CallDuration) : null,
      at: runtime.now(),
    });
  }
  return processed();
});
