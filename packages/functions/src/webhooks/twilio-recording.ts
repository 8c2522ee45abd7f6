import { attachRecording, findCallByProviderId } from "@voicecraft/core/call";
import { createHandler } from "../http/handler.ts";
import { webhooksTwilioRecording } from "../routes.ts";
import { ignored, processed, unknownTenant } from "./reply.ts";

/**
 * A recording finished. Twilio's recording callback carries no called number, so the
 * call is found by its CallSid, which is unique across the platform and only ever
 * created by a verified inbound-call webhook. Copying the audio into R2 is a later job.
 */
export const handler = createHandler(webhooksTwilioRecording, async ({ db, body }) => {
  const call = await findCallByProviderId(db, body.CallSid);
  if (!call) throw unknownTenant("call");
  if (body.RecordingStatus !== "completed") return ignored();
  await attachRecording(db, {
    orgId: call.orgId,
    callId: call.callId,
    providerRecordingId: body.RecordingSid,
  });
  return processed();
});
