import { claimEvent } from "@voicecraft/core/webhooks/ledger";
import {
  applyTemplateStatus,
  findTemplateOwner,
  type TemplateStatus,
} from "@voicecraft/core/whatsapp";
import { createHandler } from "../http/handler.ts";
import { webhooksMeta } from "../routes.ts";
import { processed, unknownTenant } from "./reply.ts";

/** Meta's template review events, as our template statuses. */
const STATUS: Record<string, TemplateStatus> = {
  APPROVED: "approved",
  REJECTED: "rejected",
  PENDING: "pending",
  PAUSED: "paused",
  DISABLED: "disabled",
  PENDING_DELETION: "disabled",
  FLAGGED: "paused",
};

interface TemplateStatusUpdate {
  event?: unknown;
  message_template_id?: unknown;
  reason?: unknown;
}

/**
 * WhatsApp template status changes. Each entry names a WhatsApp Business Account, the
 * templates' owner, which names the org (TN2); an entry whose owner we do not know is
 * dropped, and a delivery with none we know is a 404 that wrote nothing.
 */
export const handler = createHandler(webhooksMeta, async ({ db, body }) => {
  let known = 0;
  for (const entry of body.entry) {
    const owner = await findTemplateOwner(db, entry.id);
    if (!owner) continue;
    known += 1;
    for (const change of entry.changes) {
      if (change.field !== "message_template_status_update") continue;
      const value = (change.value ?? {}) as TemplateStatusUpdate;
      const status = STATUS[String(value.event)];
      const templateId = value.message_template_id;
      if (!status || (typeof templateId !== "string" && typeof templateId !== "number")) continue;
      // Meta sends no event id; the template, the new state and the reason identify one.
      const eventId = `${entry.id}:${templateId}:${String(value.event)}:${String(value.reason ?? "")}`;
      await db.transaction(async (tx) => {
        if (!(await claimEvent(tx, { provider: "meta", eventId, orgId: owner.orgId }))) return;
        await applyTemplateStatus(tx, {
          orgId: owner.orgId,
          ownerId: entry.id,
          providerTemplateId: String(templateId),
          status,
          reason: typeof value.reason === "string" ? value.reason.slice(0, 64) : null,
        });
      });
    }
  }
  if (known === 0) throw unknownTenant("WhatsApp Business Account");
  return processed();
});
