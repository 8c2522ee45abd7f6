import { getFormSubmission } from "@voicecraft/core/form";
import { createHandler } from "../http/handler.ts";
import { ok } from "../http/response.ts";
import { formSubmissionsGet } from "../routes.ts";

export const handler = createHandler(formSubmissionsGet, async ({ org, params }) =>
  ok(await getFormSubmission(org, params.submissionId)),
);
