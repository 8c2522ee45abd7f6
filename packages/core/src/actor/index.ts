import type { Executor } from "../db/index.ts";
import { ROLES, type Role } from "../org/org.sql.ts";

export { ROLES, type Role };

/** A signed-in user acting inside one organization, as established by the org guard. */
export interface OrgActor {
  userId: string;
  orgId: string;
  role: Role;
}

/**
 * What every tenant-scoped operation in core receives. The org id comes from here and
 * only from here: it was checked against a membership row before this object existed,
 * whereas anything in a request body is whatever the caller chose to send.
 */
export interface OrgContext {
  db: Executor;
  actor: OrgActor;
}

/** Whether `role` is at least as privileged as `minimum` (owner > admin > member). */
export function hasRole(role: Role, minimum: Role): boolean {
  return ROLES.indexOf(role) <= ROLES.indexOf(minimum);
}
