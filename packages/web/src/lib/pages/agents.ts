import { ApiError, isUnauthenticated } from "../api.ts";
import { type AppContext, errorNotice, startApp } from "../app.ts";
import { byId, h, replace, show } from "../dom.ts";
import {
  AGENT_FIELDS,
  type AgentField,
  assignFieldErrors,
  checkAgentForm,
  type FieldErrors,
  isEmpty,
} from "../field-errors.ts";
import { formatDateTime } from "../format.ts";
import { createPager } from "../pager.ts";
import type { Agent, AgentInput } from "../schemas.ts";
import { emptyRow, row, successNotice } from "../ui.ts";

const COLUMNS = 6;

/** The agents list, with create, edit and delete for owners and admins. */
export function startAgents(): void {
  startApp(async (ctx) => {
    const body = byId("agents-body", HTMLTableSectionElement);
    const notice = byId("agents-notice", HTMLElement);
    const newButton = byId("agent-new", HTMLButtonElement);

    show(newButton, ctx.canManage);
    show(byId("agents-readonly", HTMLElement), !ctx.canManage);

    const renderRow = (agent: Agent): HTMLElement =>
      row(
        [
          h("strong", {}, agent.name),
          h("span", { class: "mono" }, agent.phoneNumber),
          agent.language,
          agent.voice,
          formatDateTime(agent.updatedAt),
          h(
            "div",
            { class: "row-actions" },
            h(
              "a",
              {
                class: "button button-small",
                href: ctx.link("/app/calls/", { agentId: agent.id }),
              },
              "Calls",
            ),
            ctx.canManage
              ? actionButton("Edit", `Edit ${agent.name}`, () => editor.open(agent))
              : null,
            ctx.canManage
              ? actionButton("Delete", `Delete ${agent.name}`, () => remover.open(agent), true)
              : null,
          ),
        ],
        { "data-agent-id": agent.id },
      );

    const showEmptyIfNeeded = () => {
      if (body.querySelector("tr[data-agent-id]")) return;
      replace(
        body,
        emptyRow(
          COLUMNS,
          ctx.canManage ? "No agents yet. Create the first one." : "No agents yet.",
        ),
      );
    };

    const editor = agentEditor(ctx, (agent, created) => {
      const fresh = renderRow(agent);
      const existing = body.querySelector(`tr[data-agent-id="${CSS.escape(agent.id)}"]`);
      if (existing) existing.replaceWith(fresh);
      else if (body.querySelector("tr[data-agent-id]")) body.prepend(fresh);
      else replace(body, fresh);
      replace(notice, successNotice(`${agent.name} was ${created ? "created" : "saved"}.`));
    });

    const remover = agentRemover(ctx, (agent) => {
      body.querySelector(`tr[data-agent-id="${CSS.escape(agent.id)}"]`)?.remove();
      showEmptyIfNeeded();
      replace(notice, successNotice(`${agent.name} was deleted.`));
    });

    newButton.addEventListener("click", () => editor.open(null));

    const pager = createPager({
      load: (cursor) => ctx.api.agents.list(ctx.org.orgId, { cursor }),
      render: (agents, first) => {
        if (first) replace(body);
        body.append(...agents.map(renderRow));
        showEmptyIfNeeded();
      },
      button: byId("agents-more", HTMLButtonElement),
      onError: (error) => ctx.fail(error, notice),
    });
    await pager.reset();
  });
}

function actionButton(
  label: string,
  accessibleLabel: string,
  onClick: () => void,
  danger = false,
): HTMLButtonElement {
  const button = h(
    "button",
    {
      type: "button",
      class: danger ? "button button-small button-danger" : "button button-small",
      "aria-label": accessibleLabel,
    },
    label,
  );
  button.addEventListener("click", onClick);
  return button;
}

/** The create/edit dialog. One form serves both; `current` says which. */
function agentEditor(ctx: AppContext, onSaved: (agent: Agent, created: boolean) => void) {
  const dialog = byId("agent-dialog", HTMLDialogElement);
  const form = byId("agent-form", HTMLFormElement);
  const title = byId("agent-dialog-title", HTMLElement);
  const submit = byId("agent-submit", HTMLButtonElement);
  const formError = byId("agent-form-error", HTMLElement);
  const inputs = Object.fromEntries(
    AGENT_FIELDS.map((name) => [name, form.elements.namedItem(name)]),
  ) as Record<AgentField, HTMLInputElement | HTMLTextAreaElement>;
  let current: Agent | null = null;

  byId("agent-cancel", HTMLButtonElement).addEventListener("click", () => dialog.close());

  function clearErrors(): void {
    show(formError, false);
    replace(formError);
    for (const name of AGENT_FIELDS) {
      inputs[name].removeAttribute("aria-invalid");
      const slot = byId(`agent-${name}-error`, HTMLElement);
      slot.textContent = "";
      show(slot, false);
    }
  }

  function showErrors(errors: FieldErrors<AgentField>): void {
    let first: HTMLElement | null = null;
    for (const name of AGENT_FIELDS) {
      const messages = errors.byField[name];
      if (!messages?.length) continue;
      inputs[name].setAttribute("aria-invalid", "true");
      const slot = byId(`agent-${name}-error`, HTMLElement);
      slot.textContent = messages.join(" ");
      show(slot);
      first ??= inputs[name];
    }
    if (errors.other.length > 0) {
      replace(
        formError,
        h(
          "div",
          { class: "notice notice-error", role: "alert" },
          ...errors.other.map((m) => h("p", {}, m)),
        ),
      );
      show(formError);
    }
    (first ?? formError).focus();
  }

  function values(): Record<AgentField, string> {
    return Object.fromEntries(AGENT_FIELDS.map((name) => [name, inputs[name].value])) as Record<
      AgentField,
      string
    >;
  }

  /** For a new agent, what was filled in; for an edit, only what changed. */
  function payload(v: Record<AgentField, string>): Partial<AgentInput> {
    const clean: Record<AgentField, string> = {
      ...v,
      name: v.name.trim(),
      phoneNumber: v.phoneNumber.trim(),
      language: v.language.trim(),
      voice: v.voice.trim(),
    };
    const out: Partial<AgentInput> = {};
    for (const name of AGENT_FIELDS) {
      if (current ? clean[name] !== current[name] : clean[name] !== "") out[name] = clean[name];
    }
    return out;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors();

    const v = values();
    const local = checkAgentForm(v);
    if (!isEmpty(local)) return showErrors(local);

    const input = payload(v);
    if (current && Object.keys(input).length === 0) return dialog.close();

    submit.disabled = true;
    try {
      const agent = current
        ? await ctx.api.agents.update(ctx.org.orgId, current.id, input)
        : await ctx.api.agents.create(ctx.org.orgId, input as AgentInput);
      const created = current === null;
      dialog.close();
      onSaved(agent, created);
    } catch (error) {
      if (isUnauthenticated(error)) {
        dialog.close();
        return ctx.fail(error);
      }
      if (error instanceof ApiError && error.code === "PHONE_NUMBER_TAKEN") {
        return showErrors({ byField: { phoneNumber: [error.message] }, other: [] });
      }
      if (error instanceof ApiError && Object.keys(error.fields).length > 0) {
        return showErrors(assignFieldErrors(error.fields, AGENT_FIELDS));
      }
      replace(formError, errorNotice(error));
      show(formError);
      formError.focus();
    } finally {
      submit.disabled = false;
    }
  });

  return {
    open(agent: Agent | null): void {
      current = agent;
      title.textContent = agent ? `Edit ${agent.name}` : "New agent";
      submit.textContent = agent ? "Save changes" : "Create agent";
      for (const name of AGENT_FIELDS) inputs[name].value = agent ? agent[name] : "";
      clearErrors();
      dialog.showModal();
      inputs.name.focus();
    },
  };
}

/** The delete confirmation. */
function agentRemover(ctx: AppContext, onDeleted: (agent: Agent) => void) {
  const dialog = byId("delete-dialog", HTMLDialogElement);
  const confirm = byId("delete-confirm", HTMLButtonElement);
  const errorSlot = byId("delete-error", HTMLElement);
  let current: Agent | null = null;

  byId("delete-cancel", HTMLButtonElement).addEventListener("click", () => dialog.close());

  confirm.addEventListener("click", async () => {
    const agent = current;
    if (!agent) return;
    confirm.disabled = true;
    try {
      await ctx.api.agents.remove(ctx.org.orgId, agent.id);
      dialog.close();
      onDeleted(agent);
    } catch (error) {
      if (isUnauthenticated(error)) {
        dialog.close();
        return ctx.fail(error);
      }
      replace(errorSlot, errorNotice(error));
      show(errorSlot);
    } finally {
      confirm.disabled = false;
    }
  });

  return {
    open(agent: Agent): void {
      current = agent;
      byId("delete-name", HTMLElement).textContent = agent.name;
      replace(errorSlot);
      show(errorSlot, false);
      dialog.showModal();
      // The safe choice has focus, so Enter does not delete by accident.
      byId("delete-cancel", HTMLButtonElement).focus();
    },
  };
}
