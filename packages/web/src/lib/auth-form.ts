import { ApiError } from "./api.ts";
import { errorNotice } from "./app.ts";
import { authMessages, isRateLimited, rateLimitMessage } from "./auth.ts";
import { byId, type Child, h, replace, show } from "./dom.ts";
import { assignFieldErrors, type FieldErrors, isEmpty } from "./field-errors.ts";

type Tone = "error" | "success" | "info";

/** Where an API code's message goes: onto one input, or into the form's notice. */
export type CodeMessages<Name extends string> = Partial<
  Record<string, { field?: Name; message: Child }>
>;

/**
 * The parts of a sign-in style form, found by the ids `Field.astro` gives them:
 * `<prefix>-form`, `<prefix>-submit`, `<prefix>-notice`, and per input `<prefix>-<name>`
 * with `<prefix>-<name>-error`.
 */
export function authForm<Name extends string>(prefix: string, names: readonly Name[]) {
  const form = byId(`${prefix}-form`, HTMLFormElement);
  const submit = byId(`${prefix}-submit`, HTMLButtonElement);
  const noticeSlot = byId(`${prefix}-notice`, HTMLElement);
  const input = (name: Name) => byId(`${prefix}-${name}`, HTMLInputElement);
  const errorSlot = (name: Name) => byId(`${prefix}-${name}-error`, HTMLElement);

  wireRevealButtons(form);

  function clear(): void {
    replace(noticeSlot);
    show(noticeSlot, false);
    for (const name of names) {
      input(name).removeAttribute("aria-invalid");
      errorSlot(name).textContent = "";
      show(errorSlot(name), false);
    }
  }

  function notice(message: Child, tone: Tone = "error"): void {
    replace(noticeSlot, noticeBox(message, tone));
    show(noticeSlot);
    noticeSlot.focus();
  }

  function showErrors(errors: FieldErrors<Name>): void {
    let first: HTMLElement | null = null;
    for (const name of names) {
      const messages = errors.byField[name];
      if (!messages?.length) continue;
      input(name).setAttribute("aria-invalid", "true");
      errorSlot(name).textContent = messages.join(" ");
      show(errorSlot(name));
      first ??= input(name);
    }
    if (errors.other.length > 0) {
      replace(noticeSlot, noticeBox(errors.other.join(" "), "error"));
      show(noticeSlot);
    }
    (first ?? noticeSlot).focus();
  }

  /**
   * Shows a failed request: the wait for a 429, the API's field messages on their inputs,
   * the page's own sentence for a code it expects, else the API's message with its code
   * and request id for support.
   */
  function fail(error: unknown, codes: CodeMessages<Name> = {}): void {
    if (isRateLimited(error)) {
      notice(rateLimitMessage(error.retryAfter));
    } else if (!(error instanceof ApiError)) {
      showErrorNotice(error);
    } else {
      apiFailure(error, codes);
    }
  }

  function apiFailure(error: ApiError, codes: CodeMessages<Name>): void {
    const fieldErrors = assignFieldErrors(error.fields, names);
    const known = codes[error.code];
    if (!isEmpty(fieldErrors)) {
      showErrors(fieldErrors);
    } else if (known?.field) {
      const byField = { [known.field]: [textOf(known.message)] } as FieldErrors<Name>["byField"];
      showErrors({ byField, other: [] });
    } else if (known) {
      notice(known.message);
    } else if (error.code === "NETWORK_ERROR") {
      notice(authMessages.NETWORK_ERROR);
    } else {
      showErrorNotice(error);
    }
  }

  /** The dashboard's general error box: the API's message, code and request id. */
  function showErrorNotice(error: unknown): void {
    replace(noticeSlot, errorNotice(error));
    show(noticeSlot);
    noticeSlot.focus();
  }

  /** Disables the submit button while `work` runs; `label` says what is happening. */
  async function busy<T>(label: string, work: () => Promise<T>): Promise<T> {
    const idle = submit.textContent;
    submit.disabled = true;
    submit.textContent = label;
    try {
      return await work();
    } finally {
      submit.disabled = false;
      submit.textContent = idle;
    }
  }

  return {
    form,
    submit,
    input,
    value: (name: Name) => input(name).value,
    clear,
    notice,
    showErrors,
    fail,
    busy,
    /** Runs `handler` on submit, with the page's own submission cancelled. */
    onSubmit(handler: () => Promise<void>): void {
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        hidePasswords(form);
        void handler();
      });
    },
  };
}

function noticeBox(message: Child, tone: Tone): HTMLElement {
  return h(
    "div",
    {
      class: tone === "info" ? "notice" : `notice notice-${tone}`,
      role: tone === "error" ? "alert" : "status",
    },
    message,
  );
}

function textOf(message: Child): string {
  if (message instanceof Node) return message.textContent ?? "";
  return message === null || message === undefined || message === false ? "" : String(message);
}

/** A notice shown outside any form, e.g. why the sign-in page was opened. */
export function pageNotice(slot: HTMLElement, message: Child, tone: Tone): void {
  replace(slot, noticeBox(message, tone));
  show(slot);
}

/**
 * "Show" buttons beside password inputs. Long passphrases are easier to type right when
 * they can be seen; the input goes back to hidden before submitting, so password
 * managers still recognize the form.
 */
function wireRevealButtons(form: HTMLFormElement): void {
  for (const button of form.querySelectorAll<HTMLButtonElement>("button[data-reveal]")) {
    const target = document.getElementById(button.dataset.reveal ?? "");
    if (!(target instanceof HTMLInputElement)) continue;
    button.addEventListener("click", () => {
      const reveal = target.type === "password";
      target.type = reveal ? "text" : "password";
      button.setAttribute("aria-pressed", String(reveal));
      button.textContent = reveal ? "Hide" : "Show";
      target.focus();
    });
  }
}

function hidePasswords(form: HTMLFormElement): void {
  for (const button of form.querySelectorAll<HTMLButtonElement>("button[data-reveal]")) {
    const target = document.getElementById(button.dataset.reveal ?? "");
    if (!(target instanceof HTMLInputElement) || target.type === "password") continue;
    target.type = "password";
    button.setAttribute("aria-pressed", "false");
    button.textContent = "Show";
  }
}
