/** Messages for the inputs of one form, and those that fit no input. */
export interface FieldErrors<Name extends string> {
  byField: Partial<Record<Name, string[]>>;
  other: string[];
}

/**
 * Sorts the `fields` of a VALIDATION_FAILED answer onto the form's inputs. Paths may be
 * nested (`body.phoneNumber`); the last segment names the input. Anything else, such as
 * an error about the whole body, is kept with its path so it is not lost.
 */
export function assignFieldErrors<Name extends string>(
  fields: Readonly<Record<string, readonly string[]>>,
  names: readonly Name[],
): FieldErrors<Name> {
  const result: FieldErrors<Name> = { byField: {}, other: [] };
  for (const [path, messages] of Object.entries(fields)) {
    const last = path.split(".").at(-1) ?? "";
    const name = names.find((n) => n === last);
    if (name) {
      result.byField[name] = [...(result.byField[name] ?? []), ...messages];
    } else {
      result.other.push(...messages.map((m) => (path ? `${path}: ${m}` : m)));
    }
  }
  return result;
}

/** E.164, as the API checks it: a plus, a country code not starting with 0, 7 to 15 digits. */
export const E164 = /^\+[1-9]\d{6,14}$/;

export type AgentField =
  | "name"
  | "phoneNumber"
  | "language"
  | "voice"
  | "greeting"
  | "instructions";
export const AGENT_FIELDS: readonly AgentField[] = [
  "name",
  "phoneNumber",
  "language",
  "voice",
  "greeting",
  "instructions",
];

/**
 * The checks the browser can make before sending, so obvious mistakes get an answer
 * without a round trip. The API checks everything again; its answer is the one that counts.
 */
export function checkAgentForm(values: Record<AgentField, string>): FieldErrors<AgentField> {
  const errors: FieldErrors<AgentField> = { byField: {}, other: [] };
  if (values.name.trim() === "") errors.byField.name = ["Enter a name."];
  if (values.phoneNumber.trim() === "") {
    errors.byField.phoneNumber = ["Enter a phone number."];
  } else if (!E164.test(values.phoneNumber.trim())) {
    errors.byField.phoneNumber = [
      "Use the international format: a plus sign, the country code and the number, " +
        "like +14155550123.",
    ];
  }
  return errors;
}

/** True when nothing went wrong. */
export function isEmpty(errors: FieldErrors<string>): boolean {
  return errors.other.length === 0 && Object.keys(errors.byField).length === 0;
}
