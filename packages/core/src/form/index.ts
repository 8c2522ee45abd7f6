import { and, desc, eq, isNull } from "drizzle-orm";
import type { OrgContext } from "../actor/index.ts";
import { recordAudit } from "../audit/index.ts";
import { NotFoundError } from "../util/errors.ts";
import { afterCursor, type Page, type PageQuery, toPage } from "../util/page.ts";
import { formSubmissions, forms } from "./form.sql.ts";

export { formSubmissions, forms };

export interface FormSubmission {
  id: string;
  formId: string;
  formName: string;
  callId: string | null;
  data: Record<string, string | number | boolean | null>;
  createdAt: Date;
}

const columns = {
  id: formSubmissions.id,
  formId: formSubmissions.formId,
  formName: forms.name,
  callId: formSubmissions.callId,
  data: formSubmissions.data,
  createdAt: formSubmissions.createdAt,
};

function submissionsOf(ctx: OrgContext) {
  return ctx.db
    .select(columns)
    .from(formSubmissions)
    .innerJoin(
      forms,
      and(eq(forms.orgId, formSubmissions.orgId), eq(forms.id, formSubmissions.formId)),
    );
}

const live = (ctx: OrgContext) =>
  and(eq(formSubmissions.orgId, ctx.actor.orgId), isNull(formSubmissions.deletedAt));

/**
 * The org's form submissions, newest first. Submissions hold what callers told the
 * agent, so every read is written to the audit log (AD2) in the same transaction.
 */
export async function listFormSubmissions(
  ctx: OrgContext,
  query: PageQuery & { formId?: string | undefined },
): Promise<Page<FormSubmission>> {
  return ctx.db.transaction(async (tx) => {
    const scoped = { ...ctx, db: tx };
    const rows = await submissionsOf(scoped)
      .where(
        and(
          live(ctx),
          query.formId ? eq(formSubmissions.formId, query.formId) : undefined,
          afterCursor(formSubmissions.id, query.cursor),
        ),
      )
      .orderBy(desc(formSubmissions.id))
      .limit(query.limit + 1);
    const page = toPage(rows, query.limit);
    await recordAudit(tx, ctx.actor, {
      action: "form_submission.list",
      targetType: "form_submission",
      after: { ids: page.items.map((item) => item.id) },
    });
    return page;
  });
}

/** One submission; the read is audited (AD2). */
export async function getFormSubmission(
  ctx: OrgContext,
  submissionId: string,
): Promise<FormSubmission> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await submissionsOf({ ...ctx, db: tx }).where(
      and(live(ctx), eq(formSubmissions.id, submissionId)),
    );
    if (!row) throw new NotFoundError("FORM_SUBMISSION_NOT_FOUND", "No such form submission.");
    await recordAudit(tx, ctx.actor, {
      action: "form_submission.read",
      targetType: "form_submission",
      targetId: submissionId,
    });
    return row;
  });
}
