import { eq } from "drizzle-orm";
import type { Executor } from "../db/index.ts";
import { users } from "./user.sql.ts";

export { users };

/** What the dashboard may know about a user: never the password hash. */
export interface UserProfile {
  id: string;
  email: string;
  name: string;
}

/** A user's public profile, or null. */
export async function getUserProfile(db: Executor, userId: string): Promise<UserProfile | null> {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}
