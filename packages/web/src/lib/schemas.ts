import {
  array,
  enum as enumOf,
  type infer as Infer,
  nullable,
  number,
  object,
  optional,
  record,
  string,
  unknown,
  type ZodMiniType,
} from "zod/mini";

// The dashboard checks every response against these shapes, so an API change shows up as
// one clear error instead of `undefined` rendered somewhere on the page. Enums the
// dashboard only displays (statuses, sources) stay plain strings, so a new value on the
// server does not break an older page.

/** Every non-2xx body from the API. */
export const ErrorBody = object({
  error: object({
    code: string(),
    message: string(),
    requestId: optional(string()),
    fields: optional(record(string(), array(string()))),
  }),
});
export type ErrorBody = Infer<typeof ErrorBody>;

export const Role = enumOf(["owner", "admin", "member"]);
export type Role = Infer<typeof Role>;

export const Membership = object({ orgId: string(), orgName: string(), role: Role });
export type Membership = Infer<typeof Membership>;

export const Me = object({
  user: object({ id: string(), email: string(), name: nullable(string()) }),
  memberships: array(Membership),
});
export type Me = Infer<typeof Me>;

/**
 * What sign-in and email verification answer, besides the session cookie. Only the user is
 * checked: the page moves on to the dashboard, which asks `/me` for everything else.
 */
export const SignedIn = object({
  user: object({ id: string(), email: string(), name: nullable(string()) }),
});
export type SignedIn = Infer<typeof SignedIn>;

/** A keyset page: pass `nextCursor` back as `cursor`; null on the last page. */
export function PageOf<T extends ZodMiniType>(item: T) {
  return object({ items: array(item), nextCursor: nullable(string()) });
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const Agent = object({
  id: string(),
  orgId: string(),
  name: string(),
  phoneNumber: string(),
  language: string(),
  voice: string(),
  greeting: string(),
  instructions: string(),
  createdAt: string(),
  updatedAt: string(),
});
export type Agent = Infer<typeof Agent>;

/** What the create and edit forms send; the server fills defaults for what is left out. */
export interface AgentInput {
  name: string;
  phoneNumber: string;
  language?: string;
  voice?: string;
  greeting?: string;
  instructions?: string;
}

export const Call = object({
  id: string(),
  agentId: string(),
  direction: string(),
  fromNumber: string(),
  toNumber: string(),
  status: string(),
  startedAt: string(),
  endedAt: nullable(string()),
  durationSeconds: nullable(number()),
  summary: nullable(string()),
});
export type Call = Infer<typeof Call>;

export const TranscriptSegment = object({
  seq: number(),
  speaker: enumOf(["agent", "caller", "system"]),
  text: string(),
  startMs: number(),
  endMs: nullable(number()),
});
export type TranscriptSegment = Infer<typeof TranscriptSegment>;

export const ToolInvocation = object({
  id: string(),
  toolName: string(),
  redactedArguments: unknown(),
  status: string(),
  resultSummary: nullable(string()),
  createdAt: string(),
});
export type ToolInvocation = Infer<typeof ToolInvocation>;

export const CallDetail = object({
  ...Call.shape,
  transcript: array(TranscriptSegment),
  toolInvocations: array(ToolInvocation),
});
export type CallDetail = Infer<typeof CallDetail>;

export const FormSubmission = object({
  id: string(),
  formId: string(),
  formName: string(),
  callId: nullable(string()),
  data: record(string(), unknown()),
  createdAt: string(),
});
export type FormSubmission = Infer<typeof FormSubmission>;

export const OrderItem = object({ name: string(), quantity: number(), unitPriceCents: number() });
export type OrderItem = Infer<typeof OrderItem>;

export const Order = object({
  id: string(),
  agentId: nullable(string()),
  callId: nullable(string()),
  source: string(),
  externalId: nullable(string()),
  status: string(),
  items: array(OrderItem),
  totalCents: number(),
  currency: string(),
  createdAt: string(),
});
export type Order = Infer<typeof Order>;
