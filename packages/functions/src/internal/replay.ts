import type { Executor } from "@voicecraft/core/db";
import { VisibleError } from "@voicecraft/core/util/errors";
import { claimEvent } from "@voicecraft/core/webhooks/ledger";
import type { VerifiedWebhook } from "../http/middleware/state.ts";

/**
 * Claims an internal delivery's `webhook-id` in the transaction that acts on it (WH2).
 * A second delivery with the same id is refused: the signature was valid once, and a
 * captured request replayed within the timestamp window must not act twice.
 */
export async function refuseReplay(
  tx: Executor,
  webhook: VerifiedWebhook,
  orgId: string,
): Promise<void> {
  const eventId = webhook.eventId;
  if (!eventId || !(await claimEvent(tx, { provider: "internal", eventId, orgId }))) {
    throw new VisibleError("conflict", "REPLAYED", "This delivery was already processed.");
  }
}
