import { listFormSubmissions } from "@voicecraft/core/form";
import { createHandler } from "../http/handler.ts";
import { ok } from "../http/response.ts";
import { formSubmissionsList } from "../routes.ts";

export const handler = createHandler(formSubmissionsList, async ({ org, query }) =>
  ok(await listFormSubmissions(org, query)),
);
