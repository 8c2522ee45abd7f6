import { endCall, findCall } from "@voicecraft/core/call";
import { NotFoundError } from "@voicecraft/core/util/errors";
import { createHandler } from "../http/handler.ts";
import { internalCallEnded } from "../routes.ts";
import { refuseReplay } from "./replay.ts";

/** The runtime hung up: the call's summary and end time. */
export const handler = createHandler(internalCallEnded, async ({ db, params, body, webhook }) => {
  const call = await findCall(db, params.callId);
  if (!call) throw new NotFoundError("CALL_NOT_FOUND", "No such call.");
  await db.transaction(async (tx) => {
    await refuseReplay(tx, webhook, call.orgId);
    await endCall(tx, call, {
      summary: body.summary,
      endedAt: new Date(body.endedAt),
      durationSeconds: body.durationSeconds,
    });
  });
  return { status: 200, body: { status: "ended" } };
});
