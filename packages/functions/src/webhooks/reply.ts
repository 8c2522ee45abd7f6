import { VisibleError } from "@voicecraft/core/util/errors";
import type { Reply } from "../http/response.ts";

/** The event was acted on. */
export const processed = (): Reply => ({ status: 200, body: { status: "processed" } });

/** A repeat of an event already acted on: acknowledged, so the provider stops retrying. */
export const duplicate = (): Reply => ({ status: 200, body: { status: "duplicate" } });

/** A verified event we have no use for. */
export const ignored = (): Reply => ({ status: 200, body: { status: "ignored" } });

/**
 * No tenant matches what the provider sent (number, account, owner): 404, and nothing was
 * read beyond the lookup or written (TN2).
 */
export const unknownTenant = (what: string) =>
  new VisibleError("not_found", "UNKNOWN_TENANT", `No VoiceCraft account matches this ${what}.`);
