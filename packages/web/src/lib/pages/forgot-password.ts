import { createApi } from "../api.ts";
import { checkEmail } from "../auth.ts";
import { authForm, pageNotice } from "../auth-form.ts";
import { byId, h, show } from "../dom.ts";

const FIELDS = ["email"] as const;

/** Asks for a password reset link. */
export function startForgotPassword(api = createApi()): void {
  const form = authForm("forgot", FIELDS);
  const done = byId("forgot-done", HTMLElement);
  const email = new URLSearchParams(location.search).get("email");
  if (email) form.input("email").value = email;
  form.input("email").focus();

  form.onSubmit(async () => {
    form.clear();
    const address = form.value("email").trim();
    const errors = checkEmail(address);
    if (errors.length) return form.showErrors({ byField: { email: errors }, other: [] });

    try {
      await form.busy("Sending…", () => api.auth.forgotPassword({ email: address }));
    } catch (error) {
      return form.fail(error);
    }
    // One sentence for every address: the API answers 202 whether or not it has an
    // account, and the page must not tell the two apart either.
    show(form.form, false);
    pageNotice(
      done,
      h(
        "span",
        {},
        "If there is a VoiceCraft account for ",
        h("strong", {}, address),
        ", we sent it a link to set a new password. The link works once and expires soon. " +
          "Nothing arrived after a few minutes? Check your spam folder, or ask again.",
      ),
      "success",
    );
    done.focus();
  });
}
