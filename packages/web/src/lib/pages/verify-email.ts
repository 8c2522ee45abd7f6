import { createApi } from "../api.ts";
import { errorNotice } from "../app.ts";
import {
  authMessages,
  checkEmail,
  isRateLimited,
  normalizeCode,
  rateLimitMessage,
  safeNext,
  withNext,
} from "../auth.ts";
import { authForm, pageNotice } from "../auth-form.ts";
import { byId, h, replace } from "../dom.ts";

const FIELDS = ["email", "code"] as const;

/**
 * How long the resend button rests after a code went out. The API has its own limit per
 * account; this keeps people from running into it by clicking while the email is on its way.
 */
export const RESEND_COOLDOWN_SECONDS = 60;

/** Email verification: the 6-digit code from the email, and a way to get a new one. */
export function startVerifyEmail(api = createApi()): void {
  const params = new URLSearchParams(location.search);
  const rawNext = params.get("next");
  const next = safeNext(rawNext, location.origin);
  const sent = params.get("sent");
  const form = authForm("verify", FIELDS);
  const resend = byId("verify-resend", HTMLButtonElement);
  const resendStatus = byId("verify-resend-status", HTMLElement);
  const cooldown = createCooldown(resend);

  const email = params.get("email") ?? "";
  form.input("email").value = email;
  byId("verify-restart", HTMLAnchorElement).href = withNext("/sign-up/", rawNext ? next : null);
  describe(byId("verify-intro", HTMLElement), email, sent);
  // A code went out just before this page opened; asking again at once only adds a second.
  if (sent && email) cooldown.start(RESEND_COOLDOWN_SECONDS);
  (email ? form.input("code") : form.input("email")).focus();

  form.onSubmit(async () => {
    form.clear();
    const input = { email: form.value("email").trim(), code: normalizeCode(form.value("code")) };
    const emailErrors = checkEmail(input.email);
    const codeErrors = /^\d{6}$/.test(input.code)
      ? []
      : ["Enter the 6 digits from the email, like 123456."];
    if (emailErrors.length || codeErrors.length) {
      return form.showErrors({
        byField: {
          ...(emailErrors.length ? { email: emailErrors } : {}),
          ...(codeErrors.length ? { code: codeErrors } : {}),
        },
        other: [],
      });
    }

    try {
      await form.busy("Verifying…", () => api.auth.verifyEmail(input));
    } catch (error) {
      return form.fail(error, {
        INVALID_CODE: { field: "code", message: authMessages.INVALID_CODE },
      });
    }
    form.submit.disabled = true;
    location.assign(next);
  });

  resend.addEventListener("click", async () => {
    replace(resendStatus);
    const address = form.value("email").trim();
    const errors = checkEmail(address);
    if (errors.length) return form.showErrors({ byField: { email: errors }, other: [] });

    resend.disabled = true;
    try {
      await api.auth.resendVerification({ email: address });
    } catch (error) {
      if (isRateLimited(error)) {
        pageNotice(resendStatus, rateLimitMessage(error.retryAfter), "error");
        cooldown.start(error.retryAfter ?? RESEND_COOLDOWN_SECONDS);
      } else {
        replace(resendStatus, errorNotice(error));
        resend.disabled = false;
      }
      return;
    }
    // Worded for both cases: the API answers the same whether or not the address has an
    // unverified account, and so must this page.
    pageNotice(
      resendStatus,
      `If ${address} is waiting for verification, a new code is on its way. ` +
        "Only the newest code works.",
      "success",
    );
    cooldown.start(RESEND_COOLDOWN_SECONDS);
  });
}

function describe(intro: HTMLElement, email: string, sent: string | null): void {
  if (sent === "sign-in" && email) {
    replace(
      intro,
      "Your email address is not verified yet. We sent a new 6-digit code to ",
      h("strong", {}, email),
      ". Enter it below to finish signing in.",
    );
  } else if (sent === "sign-up" && email) {
    replace(
      intro,
      "We sent an email to ",
      h("strong", {}, email),
      ". If it has a 6-digit code, enter it below to finish creating your account. " +
        "If it says the address already has an account, sign in instead.",
    );
  } else {
    replace(intro, "Enter your email address and the 6-digit code from the email we sent you.");
  }
}

/**
 * Keeps a button disabled for a while, showing the seconds left in its label. The label
 * itself is not a live region: a countdown read aloud every second helps no one.
 */
function createCooldown(button: HTMLButtonElement) {
  const label = button.textContent?.trim() ?? "";
  let timer: ReturnType<typeof setInterval> | undefined;

  return {
    start(seconds: number): void {
      clearInterval(timer);
      const until = Date.now() + seconds * 1000;
      const tick = () => {
        const left = Math.ceil((until - Date.now()) / 1000);
        if (left <= 0) {
          clearInterval(timer);
          button.disabled = false;
          button.textContent = label;
          return;
        }
        button.disabled = true;
        button.textContent = `${label} (${left} s)`;
      };
      tick();
      timer = setInterval(tick, 1000);
    },
  };
}
