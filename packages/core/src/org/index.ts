import { and, asc, eq, isNull } from "drizzle-orm";
import type { Role } from "../actor/index.ts";
import type { Executor } from "../db/index.ts";
import { memberships, organizations } from "./org.sql.ts";

export { memberships, organizations };

/**
 * The role `userId` holds in `orgId`, or null when there is no live membership of a live
 * org. Read from the database on every request (never from the token), so a removed
 * member loses access on their next request.
 */
export async function findMembershipRole(
  db: Executor,
  userId: string,
  orgId: string,
): Promise<Role | null> {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(
      and(
        eq(memberships.userId, userId),
        eq(memberships.orgId, orgId),
        isNull(memberships.deletedAt),
        isNull(organizations.deletedAt),
      ),
    );
  return row?.role ?? null;
}

/** One org a user belongs to, for the org switcher. */
export interface Membership {
  orgId: string;
  orgName: string;
  role: Role;
}

/** Every live org the user belongs to, by name. */
export async function listMemberships(db: Executor, userId: string): Promise<Membership[]> {
  return db
    .select({ orgId: organizations.id, orgName: organizations.name, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(
      and(
        eq(memberships.userId, userId),
        isNull(memberships.deletedAt),
        isNull(organizations.deletedAt),
      ),
    )
    .orderBy(asc(organizations.name));
}
