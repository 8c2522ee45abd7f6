import { ApiError, createApi } from "../api.ts";
import { authMessages, checkEmail, googleErrorMessage, safeNext, withNext } from "../auth.ts";
import { authForm, pageNotice } from "../auth-form.ts";
import { byId } from "../dom.ts";

const FIELDS = ["email", "password"] as const;

/** Why the sign-in page was opened, from its query; fixed sentences only. */
const arrivals: Record<string, string> = {
  "signed-out": "You have signed out.",
  "signed-out-everywhere": "You have signed out on every device.",
  "password-reset":
    "Your password has been reset and every device was signed out. Sign in with the new password.",
};

/** Sign-in with email and password, or with Google. */
export function startSignIn(api = createApi()): void {
  const params = new URLSearchParams(location.search);
  const rawNext = params.get("next");
  const next = safeNext(rawNext, location.origin);
  const form = authForm("sign-in", FIELDS);
  const pageSlot = byId("sign-in-page-notice", HTMLElement);

  byId("sign-in-sign-up", HTMLAnchorElement).href = withNext("/sign-up/", rawNext ? next : null);

  const google = googleErrorMessage(params.get("error"));
  const arrival = arrivals[params.get("done") ?? ""];
  if (google) pageNotice(pageSlot, google, "error");
  else if (arrival) pageNotice(pageSlot, arrival, "success");
  form.input("email").focus();

  form.onSubmit(async () => {
    form.clear();
    const input = { email: form.value("email").trim(), password: form.value("password") };
    const emailErrors = checkEmail(input.email);
    const passwordErrors = input.password === "" ? ["Enter your password."] : [];
    if (emailErrors.length || passwordErrors.length) {
      return form.showErrors({
        byField: {
          ...(emailErrors.length ? { email: emailErrors } : {}),
          ...(passwordErrors.length ? { password: passwordErrors } : {}),
        },
        other: [],
      });
    }

    try {
      await form.busy("Signing in…", () => api.auth.signIn(input));
    } catch (error) {
      // Only the right password gets this answer, so saying so reveals nothing new. The
      // API has already emailed a fresh code.
      if (error instanceof ApiError && error.code === "EMAIL_NOT_VERIFIED") {
        const target = new URLSearchParams({ email: input.email, sent: "sign-in" });
        if (rawNext) target.set("next", next);
        location.assign(`/verify-email/?${target}`);
        return;
      }
      form.input("password").value = "";
      return form.fail(error, {
        INVALID_CREDENTIALS: { message: authMessages.INVALID_CREDENTIALS },
      });
    }
    form.submit.disabled = true;
    location.assign(next);
  });
}
