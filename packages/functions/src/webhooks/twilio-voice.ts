import { findAgentByNumber, startInboundCall } from "@voicecraft/core/call";
import { createHandler } from "../http/handler.ts";
import { webhooksTwilioVoice } from "../routes.ts";
import { unknownTenant } from "./reply.ts";
import { connectToStream, unavailable } from "./twiml.ts";

/**
 * An inbound call. The called number finds the agent (TN2) before anything else is read
 * or written; the call is recorded and Twilio is told to stream the audio to the voice
 * runtime. A retried webhook for the same CallSid gets the same call.
 */
export const handler = createHandler(webhooksTwilioVoice, async ({ db, body, runtime, log }) => {
  const agent = await findAgentByNumber(db, body.To);
  if (!agent) throw unknownTenant("phone number");

  const { callId } = await startInboundCall(db, {
    ...agent,
    providerCallId: body.CallSid,
    fromNumber: body.From,
    toNumber: body.To,
    startedAt: runtime.now(),
  });

  const streamUrl = runtime.env.setting("VOICE_RUNTIME_STREAM_URL");
  if (!streamUrl) log.error({ event: "voice.stream_url_missing", callId });
  const content = streamUrl
    ? connectToStream(streamUrl, { callId, agentId: agent.agentId })
    : unavailable();
  return { status: 200, text: { contentType: "text/xml; charset=utf-8", content } };
});
