import { listMemberships } from "@voicecraft/core/org";
import { getUserProfile } from "@voicecraft/core/user";
import { VisibleError } from "@voicecraft/core/util/errors";
import { createHandler } from "../http/handler.ts";
import { ok } from "../http/response.ts";
import { meGet } from "../routes.ts";

export const handler = createHandler(meGet, async ({ db, session }) => {
  const [user, memberships] = await Promise.all([
    getUserProfile(db, session.userId),
    listMemberships(db, session.userId),
  ]);
  if (!user) throw new VisibleError("unauthenticated", "UNAUTHENTICATED", "Sign in to continue.");
  return ok({ user, memberships });
});
