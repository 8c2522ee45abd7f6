import { createApi } from "../api.ts";
import { authMessages, checkNewPassword } from "../auth.ts";
import { authForm, pageNotice } from "../auth-form.ts";
import { byId, h, show } from "../dom.ts";

const FIELDS = ["password"] as const;

/** Sets a new password with the token from the emailed link (`?token=`). */
export function startResetPassword(api = createApi()): void {
  const token = new URLSearchParams(location.search).get("token")?.trim() ?? "";
  const form = authForm("reset", FIELDS);

  if (!token) {
    show(form.form, false);
    pageNotice(
      byId("reset-notice", HTMLElement),
      h(
        "span",
        {},
        "This link is missing its reset code. Open the link from the email again, or ",
        h("a", { href: "/forgot-password/" }, "ask for a new one"),
        ".",
      ),
      "error",
    );
    return;
  }
  // The token stays in memory only: off the address bar, out of the history, and out of
  // any Referer the page could send.
  history.replaceState(history.state, "", location.pathname);
  form.input("password").focus();

  form.onSubmit(async () => {
    form.clear();
    const password = form.value("password");
    const errors = checkNewPassword(password);
    if (errors.length) return form.showErrors({ byField: { password: errors }, other: [] });

    try {
      await form.busy("Saving…", () => api.auth.resetPassword({ token, password }));
    } catch (error) {
      return form.fail(error, {
        INVALID_TOKEN: {
          message: h(
            "span",
            {},
            `${authMessages.INVALID_TOKEN} `,
            h("a", { href: "/forgot-password/" }, "Ask for a new link"),
            ".",
          ),
        },
        WEAK_PASSWORD: { field: "password", message: authMessages.WEAK_PASSWORD },
      });
    }
    form.submit.disabled = true;
    location.assign("/sign-in/?done=password-reset");
  });
}
