import { VisibleError } from "@voicecraft/core/util/errors";
import { createHandler } from "../http/handler.ts";
import { webhooksMetaHandshake } from "../routes.ts";

/** Meta's subscription handshake: the verifier checked the verify token; echo the challenge. */
export const handler = createHandler(webhooksMetaHandshake, async ({ webhook }) => {
  if (webhook.challenge === undefined) {
    throw new VisibleError("invalid", "NOT_A_HANDSHAKE", "Expected a subscription handshake.");
  }
  return {
    status: 200,
    text: { contentType: "text/plain; charset=utf-8", content: webhook.challenge },
  };
});
