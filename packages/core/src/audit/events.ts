import type { Executor } from "../db/index.ts";
import { createId } from "../util/id.ts";
import { type AUTH_EVENT_TYPES, authEvents } from "./audit.sql.ts";

/** Where a request came from, as the edge saw it. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
  /** CloudFront viewer headers when present; null locally. */
  country: string | null;
  region: string | null;
  city: string | null;
}

export interface AuthEventInput {
  type: (typeof AUTH_EVENT_TYPES)[number];
  outcome: "success" | "failure";
  /** A stable code (`BAD_CREDENTIALS`, `RATE_LIMITED` …), never free text or input. */
  reason?: string | null;
  userId?: string | null;
  orgId?: string | null;
  /** The staff member acting, for impersonation and elevation events. */
  actorUserId?: string | null;
  origin: RequestOrigin;
}

/**
 * Writes one AuthEvent (AD1). Pass the transaction of the change it describes, when
 * there is one, so the event and the change commit together.
 */
export async function recordAuthEvent(db: Executor, event: AuthEventInput): Promise<void> {
  await db.insert(authEvents).values({
    id: createId(),
    type: event.type,
    outcome: event.outcome,
    reason: event.reason ?? null,
    userId: event.userId ?? null,
    orgId: event.orgId ?? null,
    actorUserId: event.actorUserId ?? null,
    ip: event.origin.ip,
    userAgent: event.origin.userAgent?.slice(0, 512) ?? null,
    country: event.origin.country,
    region: event.origin.region,
    city: event.origin.city,
  });
}
