import { type AppContext, startApp } from "../app.ts";
import { byId, h, replace, show } from "../dom.ts";
import { formatDateTime, formatValue } from "../format.ts";
import { createPager } from "../pager.ts";
import type { FormSubmission } from "../schemas.ts";
import { emptyRow, fillDetails, row, truncate } from "../ui.ts";

const COLUMNS = 4;
const PREVIEW_FIELDS = 2;

/** Form submissions: the list (optionally one form's, `?formId=`), or one (`?id=`). */
export function startForms(): void {
  startApp(async (ctx) => {
    const id = ctx.params.get("id");
    if (id) await detail(ctx, id);
    else await list(ctx);
  });
}

async function list(ctx: AppContext): Promise<void> {
  const body = byId("forms-body", HTMLTableSectionElement);
  const notice = byId("forms-notice", HTMLElement);
  const formId = ctx.params.get("formId");

  show(byId("forms-list-view", HTMLElement));
  if (formId) {
    byId("forms-filter-clear", HTMLAnchorElement).href = ctx.link("/app/forms/");
    show(byId("forms-filter", HTMLElement));
  }

  const pager = createPager<FormSubmission>({
    load: (cursor) => ctx.api.formSubmissions.list(ctx.org.orgId, { cursor, formId }),
    render: (submissions, first) => {
      if (first) replace(body);
      body.append(
        ...submissions.map((s) =>
          row([
            h("a", { href: ctx.link("/app/forms/", { id: s.id }) }, formatDateTime(s.createdAt)),
            h("a", { href: ctx.link("/app/forms/", { formId: s.formId }) }, s.formName),
            preview(s.data),
            s.callId
              ? h("a", { href: ctx.link("/app/call/", { id: s.callId }) }, "View call")
              : "—",
          ]),
        ),
      );
      if (!body.firstChild) replace(body, emptyRow(COLUMNS, "No form submissions yet."));
    },
    button: byId("forms-more", HTMLButtonElement),
    onError: (error) => ctx.fail(error, notice),
  });
  await pager.reset();
}

function preview(data: Record<string, unknown>): string {
  const entries = Object.entries(data);
  if (entries.length === 0) return "—";
  const shown = entries
    .slice(0, PREVIEW_FIELDS)
    .map(([key, value]) => `${key}: ${truncate(formatValue(value), 40)}`)
    .join(" · ");
  return entries.length > PREVIEW_FIELDS
    ? `${shown} · +${entries.length - PREVIEW_FIELDS} more`
    : shown;
}

async function detail(ctx: AppContext, id: string): Promise<void> {
  let submission: FormSubmission;
  try {
    submission = await ctx.api.formSubmissions.get(ctx.org.orgId, id);
  } catch (error) {
    return ctx.fail(error, byId("forms-notice", HTMLElement));
  }

  byId("form-title", HTMLElement).textContent = submission.formName;
  document.title = `${submission.formName} · VoiceCraft`;

  const answers = Object.entries(submission.data);
  const data = byId("form-data", HTMLElement);
  if (answers.length === 0) replace(data, h("dd", { class: "muted" }, "No answers recorded."));
  else
    fillDetails(
      data,
      answers.map(([key, value]) => [key, formatValue(value)]),
    );

  fillDetails(byId("form-meta", HTMLElement), [
    [
      "Form",
      h("a", { href: ctx.link("/app/forms/", { formId: submission.formId }) }, submission.formName),
    ],
    ["Submitted", formatDateTime(submission.createdAt)],
    [
      "Call",
      submission.callId
        ? h("a", { href: ctx.link("/app/call/", { id: submission.callId }) }, "View call")
        : "—",
    ],
  ]);
  show(byId("forms-detail-view", HTMLElement));
}
