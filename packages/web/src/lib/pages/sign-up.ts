import { createApi } from "../api.ts";
import { authMessages, checkEmail, checkNewPassword, safeNext, withNext } from "../auth.ts";
import { authForm } from "../auth-form.ts";
import { byId } from "../dom.ts";
import { type FieldErrors, isEmpty } from "../field-errors.ts";

const FIELDS = ["name", "orgName", "email", "password"] as const;
type Field = (typeof FIELDS)[number];

/** Sign-up: a person, their organization, and a password; the code goes out by email. */
export function startSignUp(api = createApi()): void {
  const params = new URLSearchParams(location.search);
  const next = params.get("next") ? safeNext(params.get("next"), location.origin) : null;
  const form = authForm("sign-up", FIELDS);
  if (next) byId("sign-up-sign-in", HTMLAnchorElement).href = withNext("/sign-in/", next);

  form.onSubmit(async () => {
    form.clear();
    const input = {
      name: form.value("name").trim(),
      orgName: form.value("orgName").trim(),
      email: form.value("email").trim(),
      password: form.value("password"),
    };

    const errors: FieldErrors<Field> = { byField: {}, other: [] };
    if (input.name === "") errors.byField.name = ["Enter your name."];
    if (input.orgName === "") errors.byField.orgName = ["Enter your organization's name."];
    const email = checkEmail(input.email);
    if (email.length) errors.byField.email = email;
    const password = checkNewPassword(input.password);
    if (password.length) errors.byField.password = password;
    if (!isEmpty(errors)) return form.showErrors(errors);

    try {
      await form.busy("Creating your account…", () => api.auth.signUp(input));
    } catch (error) {
      return form.fail(error, {
        WEAK_PASSWORD: { field: "password", message: authMessages.WEAK_PASSWORD },
      });
    }
    // The answer is the same whether or not the address already has an account; the
    // verify page words its instructions to fit both.
    const target = new URLSearchParams({ email: input.email, sent: "sign-up" });
    if (next) target.set("next", next);
    location.assign(`/verify-email/?${target}`);
  });
}
