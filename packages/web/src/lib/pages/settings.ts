import { ApiError, isUnauthenticated } from "../api.ts";
import { type AccountContext, signedOut, startAccount } from "../app.ts";
import { authMessages, checkNewPassword } from "../auth.ts";
import { authForm } from "../auth-form.ts";
import { byId, replace, show } from "../dom.ts";
import { fillDetails } from "../ui.ts";

const FIELDS = ["currentPassword", "newPassword"] as const;
const WRONG_CURRENT = new Set(["INVALID_CURRENT_PASSWORD", "INVALID_CREDENTIALS"]);

/** Account settings: who is signed in, change password, sign out everywhere. */
export function startSettings(): void {
  startAccount((ctx) => {
    fillDetails(byId("settings-account", HTMLElement), [
      ["Name", ctx.me.user.name ?? "—"],
      ["Email", ctx.me.user.email],
      ["Organizations", ctx.me.memberships.map((m) => `${m.orgName} (${m.role})`).join(", ")],
    ]);
    changePassword(ctx);
    signOutEverywhere(ctx);
  });
}

function changePassword(ctx: AccountContext): void {
  const form = authForm("password", FIELDS);
  byId("password-username", HTMLInputElement).value = ctx.me.user.email;

  form.onSubmit(async () => {
    form.clear();
    const currentPassword = form.value("currentPassword");
    const newPassword = form.value("newPassword");
    const errors = {
      ...(currentPassword === "" ? { currentPassword: ["Enter your current password."] } : {}),
      ...(checkNewPassword(newPassword).length
        ? { newPassword: checkNewPassword(newPassword) }
        : {}),
    };
    if (Object.keys(errors).length) return form.showErrors({ byField: errors, other: [] });

    try {
      await form.busy("Changing…", () =>
        ctx.api.auth.changePassword({ currentPassword, newPassword }),
      );
    } catch (error) {
      // The API's 400 INVALID_CURRENT_PASSWORD; INVALID_CREDENTIALS too, which is a 401
      // but says nothing about the session: only other 401s mean it ended meanwhile.
      if (error instanceof ApiError && WRONG_CURRENT.has(error.code)) {
        return form.showErrors({
          byField: { currentPassword: [authMessages.INVALID_CURRENT_PASSWORD] },
          other: [],
        });
      }
      if (isUnauthenticated(error)) return ctx.fail(error);
      return form.fail(error, {
        WEAK_PASSWORD: { field: "newPassword", message: authMessages.WEAK_PASSWORD },
      });
    }
    form.form.reset();
    byId("password-username", HTMLInputElement).value = ctx.me.user.email;
    form.notice(
      "Your password was changed. Every other device signed in to your account was signed out.",
      "success",
    );
  });
}

function signOutEverywhere(ctx: AccountContext): void {
  const button = byId("sign-out-everywhere", HTMLButtonElement);
  const notice = byId("sessions-notice", HTMLElement);

  button.addEventListener("click", async () => {
    button.disabled = true;
    replace(notice);
    show(notice, false);
    try {
      await ctx.api.auth.signOutEverywhere();
    } catch (error) {
      // Unlike plain sign-out, a 401 is not success here: a session that had already
      // ended cannot vouch that the others were ended too.
      button.disabled = false;
      return ctx.fail(error, notice);
    }
    signedOut("signed-out-everywhere");
  });
}
