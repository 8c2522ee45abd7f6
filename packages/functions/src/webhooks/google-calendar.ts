import { findIntegration, markChangesPending } from "@voicecraft/core/integration";
import { isId } from "@voicecraft/core/util/id";
import { claimEvent } from "@voicecraft/core/webhooks/ledger";
import { createHandler } from "../http/handler.ts";
import { webhooksGoogleCalendar } from "../routes.ts";
import { duplicate, ignored, processed, unknownTenant } from "./reply.ts";

/**
 * Google Calendar push notifications. We name every watch channel `vc-<integrationId>-…`
 * when creating it, and its token (checked by the verifier) is derived from that id, so
 * the channel id, once verified, names the integration and through it the org.
 */
export const handler = createHandler(
  webhooksGoogleCalendar,
  async ({ db, headers, webhook, runtime }) => {
    const channelId = headers["x-goog-channel-id"] ?? "";
    const integrationId = /^vc-([0-9a-f-]{36})-/i.exec(channelId)?.[1];
    if (!integrationId || !isId(integrationId)) throw unknownTenant("channel");
    const integration = await findIntegration(db, "google_calendar", integrationId);
    if (!integration) throw unknownTenant("channel");

    // "sync" opens a channel and carries no change.
    if (headers["x-goog-resource-state"] === "sync" || !webhook.eventId) return ignored();

    return db.transaction(async (tx) => {
      const eventId = webhook.eventId ?? "";
      if (
        !(await claimEvent(tx, { provider: "google_calendar", eventId, orgId: integration.orgId }))
      ) {
        return duplicate();
      }
      await markChangesPending(tx, integration, runtime.now());
      return processed();
    });
  },
);
