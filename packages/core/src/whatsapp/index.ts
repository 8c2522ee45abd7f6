import { and, eq, isNull } from "drizzle-orm";
import { recordSystemAudit } from "../audit/index.ts";
import type { Executor } from "../db/index.ts";
import { type whatsappTemplateStatusEnum, whatsappTemplates } from "./whatsapp.sql.ts";

export { whatsappTemplates };

export type TemplateStatus = (typeof whatsappTemplateStatusEnum.enumValues)[number];

/**
 * The org whose templates belong to a WhatsApp Business Account, or null. Meta's template
 * status webhooks name the account (the template owner), and this is the only way such a
 * request, which has no session, finds its tenant (TN2).
 */
export async function findTemplateOwner(db: Executor, ownerId: string) {
  const [row] = await db
    .select({ orgId: whatsappTemplates.orgId })
    .from(whatsappTemplates)
    .where(and(eq(whatsappTemplates.ownerId, ownerId), isNull(whatsappTemplates.deletedAt)))
    .limit(1);
  return row ?? null;
}

/**
 * Sets a template's review status from Meta and audits the change (AD2). False when the
 * org has no such template.
 */
export async function applyTemplateStatus(
  db: Executor,
  input: {
    orgId: string;
    ownerId: string;
    providerTemplateId: string;
    status: TemplateStatus;
    reason?: string | null;
  },
): Promise<boolean> {
  const where = and(
    eq(whatsappTemplates.orgId, input.orgId),
    eq(whatsappTemplates.ownerId, input.ownerId),
    eq(whatsappTemplates.providerTemplateId, input.providerTemplateId),
    isNull(whatsappTemplates.deletedAt),
  );
  const [before] = await db
    .select({ id: whatsappTemplates.id, status: whatsappTemplates.status })
    .from(whatsappTemplates)
    .where(where);
  if (!before) return false;
  await db
    .update(whatsappTemplates)
    .set({ status: input.status, updatedAt: new Date() })
    .where(where);
  await recordSystemAudit(db, input.orgId, {
    action: "whatsapp_template.status",
    targetType: "whatsapp_template",
    targetId: before.id,
    before: { status: before.status },
    after: { status: input.status },
    reason: input.reason ? `meta: ${input.reason}` : "meta",
  });
  return true;
}
