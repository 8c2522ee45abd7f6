import { type Api, ApiError, createApi, isUnauthenticated } from "./api.ts";
import { byId, h, replace, show } from "./dom.ts";
import { appLink, canManage, chooseOrg, ORG_STORAGE_KEY } from "./org.ts";
import type { Me, Membership } from "./schemas.ts";

/** What a dashboard page gets once the user and the org are known. */
export interface AppContext {
  api: Api;
  me: Me;
  org: Membership;
  /** Owner or admin: may create, edit and delete. */
  canManage: boolean;
  /** The page's query parameters. */
  params: URLSearchParams;
  /** A dashboard link that keeps the current org. */
  link(path: string, params?: Record<string, string | null | undefined>): string;
  /**
   * Reports a failed request: a 401 switches the whole page to the signed-out state;
   * anything else becomes an error notice in `target`, or the page-wide error state.
   */
  fail(error: unknown, target?: HTMLElement): void;
}

type AppState = "loading" | "signed-out" | "no-org" | "denied" | "failed" | "ready";

const panels: Record<Exclude<AppState, "ready">, string> = {
  loading: "app-loading",
  "signed-out": "app-signed-out",
  "no-org": "app-no-org",
  denied: "app-denied",
  failed: "app-failed",
};

/** What the account pages get: the person, whatever orgs they belong to (maybe none). */
export interface AccountContext {
  api: Api;
  me: Me;
  /** As in AppContext: a 401 switches to the signed-out state, else a notice in `target`. */
  fail(error: unknown, target?: HTMLElement): void;
}

/**
 * Starts a dashboard page: asks the API who is signed in, picks the org, wires the org
 * switcher and nav, then hands over to `render`. Pages never touch the session
 * themselves, so the signed-out state looks the same everywhere.
 */
export function startApp(
  render: (ctx: AppContext) => Promise<void> | void,
  api = createApi(),
): void {
  wireShell(api);
  run(render, api).catch((error: unknown) => showFailure(error));
}

/**
 * Starts a page about the signed-in person rather than an org (settings). It shows even
 * to someone with no org yet, or with a link to an org they have left; the org is kept
 * only so the nav leads back to it.
 */
export function startAccount(
  render: (ctx: AccountContext) => Promise<void> | void,
  api = createApi(),
): void {
  wireShell(api);
  runAccount(render, api).catch((error: unknown) => showFailure(error));
}

async function run(render: (ctx: AppContext) => Promise<void> | void, api: Api): Promise<void> {
  const me = await api.me();
  const params = new URLSearchParams(location.search);
  const choice = chooseOrg(me.memberships, params.get("org"), recall());

  showUser(me);
  if (choice.kind === "none") return setState("no-org");

  const current = choice.kind === "chosen" ? choice.org : null;
  fillSwitcher(me.memberships, current);
  if (choice.kind === "denied") return setState("denied");

  const org = choice.org;
  remember(org.orgId);
  if (params.get("org") !== org.orgId) {
    params.set("org", org.orgId);
    history.replaceState(history.state, "", `${location.pathname}?${params}${location.hash}`);
  }
  linkNav(org.orgId);

  const ctx: AppContext = {
    api,
    me,
    org,
    canManage: canManage(org.role),
    params,
    link: (path, extra) => appLink(path, org.orgId, extra),
    fail,
  };

  document.body.dataset.role = org.role;
  setState("ready");
  await render(ctx);
}

async function runAccount(
  render: (ctx: AccountContext) => Promise<void> | void,
  api: Api,
): Promise<void> {
  const me = await api.me();
  const params = new URLSearchParams(location.search);
  const choice = chooseOrg(me.memberships, params.get("org"), recall());
  const org = choice.kind === "chosen" ? choice.org : null;

  showUser(me);
  fillSwitcher(me.memberships, org);
  show(byId("org-switcher", HTMLElement), me.memberships.length > 0);
  if (org) linkNav(org.orgId);

  setState("ready");
  await render({ api, me, fail });
}

function fail(error: unknown, target?: HTMLElement): void {
  if (isUnauthenticated(error) || !target) {
    showFailure(error);
    return;
  }
  replace(target, errorNotice(error));
  show(target);
}

/**
 * What every dashboard page has whatever its state: sign-in links that come back to this
 * page, and the sign-out button.
 */
function wireShell(api: Api): void {
  const here = `${location.pathname}${location.search}`;
  const next = new URLSearchParams({ next: here });
  byId("app-sign-in", HTMLAnchorElement).href = `/sign-in/?${next}`;
  byId("app-sign-up", HTMLAnchorElement).href = `/sign-up/?${next}`;

  const button = byId("app-sign-out", HTMLButtonElement);
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      await api.auth.signOut();
    } catch (error) {
      // A session that had already ended is the outcome asked for; anything else is not.
      if (!isUnauthenticated(error)) {
        button.disabled = false;
        const notice = byId("app-notice", HTMLElement);
        replace(notice, errorNotice(error));
        show(notice);
        return;
      }
    }
    signedOut("signed-out");
  });
}

/**
 * Leaves the dashboard after the session ended. The remembered org goes too: on a shared
 * computer, the next person has no business knowing which org was open.
 */
export function signedOut(done: "signed-out" | "signed-out-everywhere"): void {
  try {
    localStorage.removeItem(ORG_STORAGE_KEY);
  } catch {
    // Storage is off: there is nothing remembered to remove.
  }
  location.assign(`/sign-in/?done=${done}`);
}

function setState(state: AppState): void {
  document.body.dataset.appState = state;
  for (const [name, id] of Object.entries(panels)) show(byId(id, HTMLElement), name === state);
  show(byId("app-content", HTMLElement), state === "ready");
  // The org bar needs a user with orgs to switch between.
  show(byId("app-bar", HTMLElement), state === "ready" || state === "denied");
}

function showFailure(error: unknown): void {
  if (isUnauthenticated(error)) {
    setState("signed-out");
    document.title = "Not signed in · VoiceCraft";
    byId("signed-out-heading", HTMLElement).focus();
    return;
  }
  if (!(error instanceof ApiError)) console.error(error);
  replace(byId("app-failed-detail", HTMLElement), errorNotice(error));
  setState("failed");
}

/** An error as the user sees it: the API's message, and the ids support will ask for. */
export function errorNotice(error: unknown): HTMLElement {
  if (!(error instanceof ApiError)) {
    return h(
      "div",
      { class: "notice notice-error", role: "alert" },
      h("p", {}, "Something went wrong on this page. Reload to try again."),
    );
  }
  const detail = [`Code ${error.code}`, error.requestId ? `request id ${error.requestId}` : null]
    .filter(Boolean)
    .join(" · ");
  return h(
    "div",
    { class: "notice notice-error", role: "alert", "data-error-code": error.code },
    h("p", {}, error.message),
    h("p", { class: "small" }, detail),
  );
}

function showUser(me: Me): void {
  const user = byId("app-user", HTMLElement);
  user.textContent = me.user.name ? `${me.user.name} · ${me.user.email}` : me.user.email;
}

function fillSwitcher(memberships: readonly Membership[], current: Membership | null): void {
  const select = byId("org-select", HTMLSelectElement);
  const home = byId("app-root", HTMLElement).dataset.home ?? "/app/";
  replace(
    select,
    current ? null : h("option", { value: "", selected: true }, "Choose an organization"),
    ...memberships.map((m) =>
      h(
        "option",
        { value: m.orgId, selected: m.orgId === current?.orgId },
        `${m.orgName} (${m.role})`,
      ),
    ),
  );
  select.addEventListener("change", () => {
    if (!select.value) return;
    remember(select.value);
    // Detail pages go back to their list: the open record belongs to the old org.
    location.assign(appLink(home, select.value));
  });
}

function linkNav(orgId: string): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>("a[data-app-link]")) {
    link.href = appLink(link.dataset.appLink ?? link.pathname, orgId);
  }
}

// Storage can be off (private modes, policies); the URL still carries the org then.
function recall(): string | null {
  try {
    return localStorage.getItem(ORG_STORAGE_KEY);
  } catch {
    return null;
  }
}

function remember(orgId: string): void {
  try {
    localStorage.setItem(ORG_STORAGE_KEY, orgId);
  } catch {
    // Nothing to do: the choice lives on in the URL.
  }
}
