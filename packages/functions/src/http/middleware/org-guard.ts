import type { MiddlewareObj } from "@middy/core";
import { hasRole, type Role } from "@voicecraft/core/actor";
import { findMembershipRole } from "@voicecraft/core/org";
import { VisibleError } from "@voicecraft/core/util/errors";
import { isId } from "@voicecraft/core/util/id";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { requireState } from "./state.ts";

/**
 * `requireOrg`: the org comes from the path, the membership from the database, read on
 * every request. A non-member gets the same 404 as for an org that does not exist, so
 * org ids cannot be probed (TN1).
 */
export function requireOrg(): MiddlewareObj<APIGatewayProxyEventV2> {
  const requireOrgBefore: MiddlewareObj<APIGatewayProxyEventV2>["before"] = async (request) => {
    const state = requireState(request);
    if (!state.session) throw new Error("requireOrg needs authenticate to run first");

    const orgId = request.event.pathParameters?.orgId;
    const notFound = new VisibleError("not_found", "ORG_NOT_FOUND", "No such organization.");
    if (!orgId || !isId(orgId)) throw notFound;

    const role = await findMembershipRole(state.runtime.db, state.session.userId, orgId);
    if (!role) throw notFound;

    state.actor = { userId: state.session.userId, orgId, role };
    state.log = state.log.child({ orgId });
  };
  return { before: requireOrgBefore };
}

/** `requireRole`: the member's role must be at least `minimum` (owner > admin > member). */
export function requireRole(minimum: Role): MiddlewareObj<APIGatewayProxyEventV2> {
  const requireRoleBefore: MiddlewareObj<APIGatewayProxyEventV2>["before"] = (request) => {
    const { actor } = requireState(request);
    if (!actor) throw new Error("requireRole needs requireOrg to run first");
    if (!hasRole(actor.role, minimum)) {
      throw new VisibleError(
        "forbidden",
        "ROLE_REQUIRED",
        `This needs the ${minimum} role or higher in this organization.`,
      );
    }
  };
  return { before: requireRoleBefore };
}
