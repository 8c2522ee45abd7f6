import type { Membership, Role } from "./schemas.ts";

/** Where the last org chosen in this browser is remembered. Only an id: no customer data. */
export const ORG_STORAGE_KEY = "voicecraft.org";

export type OrgChoice =
  | { kind: "chosen"; org: Membership }
  | { kind: "none" }
  | { kind: "denied"; requested: string };

/**
 * Picks the org to show: the one in the URL, else the one remembered, else the first
 * membership. An org in the URL that the user is not a member of is refused rather than
 * silently swapped, so a shared link never shows a different org's data unannounced.
 */
export function chooseOrg(
  memberships: readonly Membership[],
  requested: string | null,
  remembered: string | null,
): OrgChoice {
  if (requested) {
    const org = memberships.find((m) => m.orgId === requested);
    return org ? { kind: "chosen", org } : { kind: "denied", requested };
  }
  const org = memberships.find((m) => m.orgId === remembered) ?? memberships[0];
  return org ? { kind: "chosen", org } : { kind: "none" };
}

/** Owners and admins manage agents; members only look. The API enforces the same rule. */
export function canManage(role: Role): boolean {
  return role === "owner" || role === "admin";
}

/** A dashboard link that keeps the org, plus any other parameters given. */
export function appLink(
  path: string,
  orgId: string,
  params: Record<string, string | null | undefined> = {},
): string {
  const search = new URLSearchParams({ org: orgId });
  for (const [key, value] of Object.entries(params)) {
    if (value) search.set(key, value);
  }
  return `${path}?${search}`;
}
