import { and, asc, eq, isNull } from "drizzle-orm";
import type { Role } from "../actor/index.ts";
import type { Executor } from "../db/index.ts";
import { createId } from "../util/id.ts";
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

/** A URL-safe slug for an org name, made unique by a suffix of the org's id. */
export function orgSlug(name: string, id: string): string {
  const base = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
  return `${base || "org"}-${id.slice(-6)}`;
}

/** Creates an organization with `ownerUserId` as its owner; returns the org id. */
export async function createOrganization(
  db: Executor,
  input: { name: string; ownerUserId: string; vertical?: string },
): Promise<string> {
  const id = createId();
  await db.insert(organizations).values({
    id,
    name: input.name,
    slug: orgSlug(input.name, id),
    vertical: input.vertical,
  });
  await db.insert(memberships).values({ orgId: id, userId: input.ownerUserId, role: "owner" });
  return id;
}
