import { appendTranscript, findCall } from "@voicecraft/core/call";
import { NotFoundError } from "@voicecraft/core/util/errors";
import { createHandler } from "../http/handler.ts";
import { internalTranscript } from "../routes.ts";
import { refuseReplay } from "./replay.ts";

/** Transcript segments from the voice runtime, kept once per sequence number. */
export const handler = createHandler(internalTranscript, async ({ db, params, body, webhook }) => {
  const call = await findCall(db, params.callId);
  if (!call) throw new NotFoundError("CALL_NOT_FOUND", "No such call.");
  const added = await db.transaction(async (tx) => {
    await refuseReplay(tx, webhook, call.orgId);
    return appendTranscript(tx, call, body.segments);
  });
  return { status: 200, body: { added } };
});
