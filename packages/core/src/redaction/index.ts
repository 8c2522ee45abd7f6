import { isValidPhoneNumber } from "libphonenumber-js/max";
import { countDigits, luhnValid } from "./checks.ts";
import { classifyKey, classifyLabel, isThingParent, type KeyClass } from "./keys.ts";
import { isNotName, type KnownValue, redactString, type ScanMode } from "./text.ts";

/**
 * Redaction of caller PII in tool-call arguments (claims TC1 and TC2): what an agent's
 * model passed to a tool is redacted before anything is stored or logged, keeping what
 * the operator needs to see what the tool did (times, quantities, products, services).
 */

/** The kinds of PII the detectors know; each is written as its placeholder, `[PHONE]`. */
export type PiiCategory =
  | "NAME"
  | "PHONE"
  | "EMAIL"
  | "CARD"
  | "CVV"
  | "EXPIRY"
  | "SSN"
  | "DOB"
  | "ADDRESS"
  | "POSTCODE"
  | "IBAN"
  | "BANK_ACCOUNT"
  | "PASSPORT"
  | "DRIVER_LICENSE"
  | "IP"
  | "HEALTH_ID";

/** Every category, in the order reports list them. */
export const PII_CATEGORIES: readonly PiiCategory[] = [
  "NAME",
  "PHONE",
  "EMAIL",
  "CARD",
  "CVV",
  "EXPIRY",
  "SSN",
  "DOB",
  "ADDRESS",
  "POSTCODE",
  "IBAN",
  "BANK_ACCOUNT",
  "PASSPORT",
  "DRIVER_LICENSE",
  "IP",
  "HEALTH_ID",
];

/**
 * Classes a tool declares for its fields, by path: `customer.phone`, `items[].sku` (or
 * `items.*.sku`; array positions are ignored). A declared class wins over what the key
 * suggests. `SAFE` keeps the value, and everything under it, as it is; a category redacts
 * the value, and everything under it, whole.
 */
export interface ToolFieldClasses {
  [fieldPath: string]: PiiCategory | "SAFE";
}

/** Redacted arguments, and where each PII value was found. */
export interface RedactionResult {
  /** The arguments with the input's structure, PII replaced by placeholders. */
  redacted: unknown;
  /** One entry per PII value: its category and path (`customer.phones[0]`, `notes`). */
  findings: { category: PiiCategory; path: string }[];
}

/** What to do with a value: a category redacts it whole; the others are explained in keys.ts. */
type ValueClass = PiiCategory | "SAFE" | "PERSON" | "IDENTIFIER" | "THING" | "SEARCH" | "SCAN";

const SCAN_MODES: Record<"SCAN" | "IDENTIFIER" | "THING" | "SEARCH", ScanMode> = {
  SCAN: "full",
  IDENTIFIER: "strict",
  THING: "thing",
  SEARCH: "search",
};

/** A string to scan once the whole call has been walked and its known values collected. */
interface Pending {
  target: Record<string, unknown> | unknown[];
  key: string | number;
  value: string;
  mode: ScanMode;
  path: string;
}

interface Walk {
  findings: { category: PiiCategory; path: string }[];
  declared: ReadonlyMap<string, PiiCategory | "SAFE"> | undefined;
  known: KnownValue[];
  pending: Pending[];
}

/** Deeper than any tool schema; past it a subtree is dropped rather than walked. */
const MAX_DEPTH = 24;
/** Enough for every name part and contact detail of a call; a cap keeps scans cheap. */
const MAX_KNOWN = 48;

const NAME_SPLIT = /[\s,]+/;

const VALUE_KEYS = new Set(["value", "answer", "response", "input", "val", "reply", "data"]);
const LABEL_KEYS = new Set([
  "label",
  "field",
  "name",
  "question",
  "key",
  "title",
  "prompt",
  "field_name",
  "fieldName",
  "fieldLabel",
  "field_label",
]);

const declaredCache = new WeakMap<ToolFieldClasses, Map<string, PiiCategory | "SAFE">>();

/** Declared paths with array markers dropped, so they compare with the walk's shape path. */
function declaredClasses(fields: ToolFieldClasses): Map<string, PiiCategory | "SAFE"> {
  const cached = declaredCache.get(fields);
  if (cached) return cached;

  const map = new Map<string, PiiCategory | "SAFE">();
  for (const [path, cls] of Object.entries(fields)) {
    const shape = path
      .replace(/\[\d*\]/g, "")
      .replace(/\.(\*|\d+)(?=\.|$)/g, "")
      .replace(/^\.+/, "");
    map.set(shape, cls);
  }
  declaredCache.set(fields, map);
  return map;
}

/**
 * Redacts a tool call's arguments before they are stored or logged.
 *
 * A value under a key that names PII (`phone`, `dob`, `cardNumber`, `firstName`; case and
 * separators do not matter) or under a field the tool declared is replaced whole by its
 * placeholder. Any other string is scanned by the detectors: a note "call Ann on 0161 496
 * 0018 after 5pm" becomes "call [NAME] on [PHONE] after 5pm". Booleans, null and numbers
 * that are not PII are kept; a number that is PII (a card given as a number) becomes its
 * placeholder string.
 *
 * @example
 * redactToolArguments({ phone: "+44 7700 900123", time: "10:30", partySize: 4 }).redacted
 * // → { phone: "[PHONE]", time: "10:30", partySize: 4 }
 */
export function redactToolArguments(
  args: unknown,
  options: { toolName?: string; fields?: ToolFieldClasses } = {},
): RedactionResult {
  const walk: Walk = {
    findings: [],
    declared: options.fields ? declaredClasses(options.fields) : undefined,
    known: [],
    pending: [],
  };
  if (typeof args === "string") {
    const redacted = redactString(args, "full", (category) =>
      walk.findings.push({ category, path: "" }),
    );
    return { redacted, findings: walk.findings };
  }

  const box: Record<string, unknown> = {};
  box.args = redactValue(args, "SCAN", "", "", undefined, walk, 0, box, "args");
  // Free text is scanned last, so that it also loses every value the call's keys marked
  // as PII, wherever in the call that key stood.
  let path = "";
  const onFinding = (category: PiiCategory) => walk.findings.push({ category, path });
  for (const pending of walk.pending) {
    path = pending.path;
    const { target, key, value, mode } = pending;
    (target as Record<string | number, unknown>)[key] = redactString(
      value,
      mode,
      onFinding,
      walk.known,
    );
  }
  return { redacted: box.args, findings: walk.findings };
}

/**
 * Replaces the PII in free text with placeholders (`[PHONE]`, `[EMAIL]` …), using the same
 * detectors as the scan of argument strings.
 */
export function redactText(text: string): string {
  return redactString(text, "full");
}

/**
 * The redacted form of `value`, which will be stored at `target[key]`. A string to scan
 * is returned as it is and queued; the scan overwrites it once the walk is done.
 */
function redactValue(
  value: unknown,
  cls: ValueClass,
  path: string,
  shape: string,
  ownerKey: string | undefined,
  walk: Walk,
  depth: number,
  target: Record<string, unknown> | unknown[],
  key: string | number,
): unknown {
  if (value === null || value === undefined || typeof value === "boolean") return value;
  if (cls === "SAFE") return value;
  if (typeof value === "string") return redactStringValue(value, cls, path, walk, target, key);
  if (typeof value === "number" || typeof value === "bigint") {
    return redactNumber(value, cls, path, walk);
  }
  if (typeof value !== "object") return value;

  if (depth >= MAX_DEPTH) {
    // When unsure, redact: a subtree this deep is not a tool schema anyone declared.
    return "[REDACTED]";
  }
  if (value instanceof Date) {
    return redactStringValue(value.toISOString(), cls, path, walk, target, key);
  }
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const itemPath = `${path}[${i}]`;
      out[i] = redactValue(value[i], cls, itemPath, shape, ownerKey, walk, depth + 1, out, i);
    }
    return out;
  }
  return redactObject(value as Record<string, unknown>, cls, path, shape, ownerKey, walk, depth);
}

function redactObject(
  object: Record<string, unknown>,
  cls: ValueClass,
  path: string,
  shape: string,
  ownerKey: string | undefined,
  walk: Walk,
  depth: number,
): Record<string, unknown> {
  const labelled = labelledValueClass(object);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    const childPath = path === "" ? key : `${path}.${key}`;
    const childShape = shape === "" ? key : `${shape}.${key}`;
    let childClass: ValueClass;
    const declared = walk.declared?.get(childShape);
    if (declared !== undefined) {
      childClass = declared;
    } else if (labelled && VALUE_KEYS.has(key)) {
      childClass = labelled;
    } else if (labelled && LABEL_KEYS.has(key)) {
      // "name" here is the form field's name, not a person's.
      childClass = "SCAN";
    } else {
      // Forms often key answers by their question: { "Date of birth": "…" }.
      const keyClass = key.includes(" ") ? classifyLabel(key) : classifyKey(key);
      childClass = classOf(keyClass, cls, ownerKey);
    }
    const child = object[key];
    out[key] = redactValue(
      child,
      childClass,
      childPath,
      childShape,
      key,
      walk,
      depth + 1,
      out,
      key,
    );
  }
  return out;
}

/** A key's class under a parent of class `parent`; PII inherits into unknown children. */
function classOf(key: KeyClass, parent: ValueClass, ownerKey: string | undefined): ValueClass {
  if (key === "NAME_OR_THING") return isThingParent(ownerKey) ? "THING" : "NAME";
  if (key === "DESCRIPTIVE") return "SCAN";
  const unknown = key === "SCAN" || key === "IDENTIFIER" || key === "THING" || key === "SEARCH";
  if (isCategory(parent) && (unknown || key === "PERSON")) {
    // Under `address` or `card`, `line1` and `number` are the address and the card.
    return parent;
  }
  return key;
}

/**
 * For a form answer shaped `{ label: "Date of birth", value: "…" }`, the class its label
 * gives the value; undefined when the object is not such a pair or the label says nothing.
 */
function labelledValueClass(object: Record<string, unknown>): ValueClass | undefined {
  let label: string | undefined;
  let hasValue = false;
  for (const key of Object.keys(object)) {
    if (VALUE_KEYS.has(key)) hasValue = true;
    const field = object[key];
    if (label === undefined && LABEL_KEYS.has(key) && typeof field === "string") label = field;
  }
  if (!hasValue || label === undefined) return undefined;

  const cls = classifyLabel(label);
  if (cls === "NAME_OR_THING") return "NAME";
  if (cls === "DESCRIPTIVE") return "SCAN";
  return cls;
}

function isCategory(cls: ValueClass): cls is PiiCategory {
  return !(cls in SCAN_MODES) && cls !== "SAFE" && cls !== "PERSON";
}

function redactStringValue(
  value: string,
  cls: ValueClass,
  path: string,
  walk: Walk,
  target: Record<string, unknown> | unknown[],
  key: string | number,
): string {
  if (cls === "SAFE") return value;
  if (cls === "SCAN" || cls === "IDENTIFIER" || cls === "THING" || cls === "SEARCH") {
    walk.pending.push({ target, key, value, mode: SCAN_MODES[cls], path });
    return value;
  }
  if (value.trim() === "") return value;

  const category = cls === "PERSON" ? personCategory(value) : cls;
  walk.findings.push({ category, path });
  remember(value, category, walk.known);
  return `[${category}]`;
}

/**
 * Adds a value redacted by its key to the terms searched for in free text: a name by its
 * parts (a note says "Daan", not "Daan de Vries"), anything else whole.
 */
function remember(value: string, category: PiiCategory, known: KnownValue[]): void {
  if (known.length >= MAX_KNOWN) return;
  if (category === "NAME") {
    for (const part of value.split(NAME_SPLIT)) {
      if (part.length < 3 || isNotName(part)) continue;
      const term = part.toLowerCase();
      if (!isKnown(known, term)) known.push({ term, category });
    }
    return;
  }
  const term = value.trim().toLowerCase();
  if (term.length < 4 || isKnown(known, term)) return;
  known.push({ term, category });
}

function isKnown(known: readonly KnownValue[], term: string): boolean {
  for (const k of known) if (k.term === term) return true;
  return false;
}

/** What a string under `caller` or `to` is, by its shape. */
function personCategory(value: string): PiiCategory {
  if (value.includes("@")) return "EMAIL";
  if (countDigits(value) >= 7) return "PHONE";
  return "NAME";
}

function redactNumber(
  value: number | bigint,
  cls: ValueClass,
  path: string,
  walk: Walk,
): number | bigint | string {
  let category: PiiCategory | undefined;
  if (isCategory(cls)) {
    category = cls;
  } else if (cls === "PERSON") {
    category = String(value).length >= 7 ? "PHONE" : undefined;
  } else {
    category = numericPii(value, cls !== "IDENTIFIER");
  }
  if (!category) return value;

  walk.findings.push({ category, path });
  if (isCategory(cls)) remember(String(value), category, walk.known);
  return `[${category}]`;
}

/**
 * A bare number under an unknown key is PII when it is a card (Luhn-valid, 13–19 digits,
 * a card network's first digit) or, outside identifier fields, a dialable phone number.
 */
function numericPii(value: number | bigint, phones: boolean): PiiCategory | undefined {
  if (typeof value === "number" && !Number.isSafeInteger(value)) return undefined;
  const digits = String(value < 0 ? -value : value);
  const n = digits.length;
  if (n >= 13 && n <= 19 && "23456".includes(digits[0] ?? "") && luhnValid(digits)) {
    return "CARD";
  }
  if (!phones || n < 10 || n > 15) return undefined;
  if (isValidPhoneNumber(`+${digits}`) || isValidPhoneNumber(digits, "US")) return "PHONE";
  return isValidPhoneNumber(digits, "GB") ? "PHONE" : undefined;
}
