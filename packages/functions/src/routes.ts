import { AgentCreate, AgentUpdate } from "@voicecraft/core/agent";
import { PageQuery } from "@voicecraft/core/util/page";
import { object, uuid } from "zod";
import { defineRoute, guard } from "./http/route.ts";

// The route table: the only place a route exists. infra/ makes one Lambda per entry and
// the local gateway serves the same entries; a handler module serves exactly the entry it
// names (checked by routes.test.ts). Each entry is its own export so that a route's
// bundle keeps its own schemas and not everyone else's.

const OrgParams = object({ orgId: uuid() });
const AgentParams = object({ orgId: uuid(), agentId: uuid() });
const CallParams = object({ orgId: uuid(), callId: uuid() });
const SubmissionParams = object({ orgId: uuid(), submissionId: uuid() });
const OrderParams = object({ orgId: uuid(), orderId: uuid() });

export const healthGet = /* @__PURE__ */ defineRoute({
  method: "GET",
  path: "/health",
  handler: "health/get",
  guard: guard.public,
  uses: ["storage"],
});

export const meGet = /* @__PURE__ */ defineRoute({
  method: "GET",
  path: "/me",
  handler: "me/get",
  guard: guard.session,
});

export const agentsList = /* @__PURE__ */ defineRoute({
  method: "GET",
  path: "/orgs/{orgId}/agents",
  handler: "agents/list",
  guard: guard.org("member"),
  params: OrgParams,
  query: PageQuery,
});

export const agentsCreate = /* @__PURE__ */ defineRoute({
  method: "POST",
  path: "/orgs/{orgId}/agents",
  handler: "agents/create",
  guard: guard.org("admin"),
  params: OrgParams,
  body: AgentCreate,
  example: { body: { name: "Front desk", phoneNumber: "+15550100999" } },
});

export const agentsGet = /* @__PURE__ */ defineRoute({
  method: "GET",
  path: "/orgs/{orgId}/agents/{agentId}",
  handler: "agents/get",
  guard: guard.org("member"),
  params: AgentParams,
});

export const agentsUpdate = /* @__PURE__ */ defineRoute({
  method: "PATCH",
  path: "/orgs/{orgId}/agents/{agentId}",
  handler: "agents/update",
  guard: guard.org("admin"),
  params: AgentParams,
  body: AgentUpdate,
  example: { body: { name: "After-hours line" } },
});

export const agentsDelete = /* @__PURE__ */ defineRoute({
  method: "DELETE",
  path: "/orgs/{orgId}/agents/{agentId}",
  handler: "agents/delete",
  guard: guard.org("admin"),
  params: AgentParams,
});

export const callsList = /* @__PURE__ */ defineRoute({
  method: "GET",
  path: "/orgs/{orgId}/calls",
  handler: "calls/list",
  guard: guard.org("member"),
  params: OrgParams,
  query: PageQuery.extend({ agentId: uuid().optional() }),
});

export const callsGet = /* @__PURE__ */ defineRoute({
  method: "GET",
  path: "/orgs/{orgId}/calls/{callId}",
  handler: "calls/get",
  guard: guard.org("member"),
  params: CallParams,
});

export const formSubmissionsList = /* @__PURE__ */ defineRoute({
  method: "GET",
  path: "/orgs/{orgId}/form-submissions",
  handler: "form-submissions/list",
  guard: guard.org("member"),
  params: OrgParams,
  query: PageQuery.extend({ formId: uuid().optional() }),
});

export const formSubmissionsGet = /* @__PURE__ */ defineRoute({
  method: "GET",
  path: "/orgs/{orgId}/form-submissions/{submissionId}",
  handler: "form-submissions/get",
  guard: guard.org("member"),
  params: SubmissionParams,
});

export const ordersList = /* @__PURE__ */ defineRoute({
  method: "GET",
  path: "/orgs/{orgId}/orders",
  handler: "orders/list",
  guard: guard.org("member"),
  params: OrgParams,
  query: PageQuery,
});

export const ordersGet = /* @__PURE__ */ defineRoute({
  method: "GET",
  path: "/orgs/{orgId}/orders/{orderId}",
  handler: "orders/get",
  guard: guard.org("member"),
  params: OrderParams,
});

/** Every route, in the order the gateway matches them. */
export const routes = [
  healthGet,
  meGet,
  agentsList,
  agentsCreate,
  agentsGet,
  agentsUpdate,
  agentsDelete,
  callsList,
  callsGet,
  formSubmissionsList,
  formSubmissionsGet,
  ordersList,
  ordersGet,
] as const;
