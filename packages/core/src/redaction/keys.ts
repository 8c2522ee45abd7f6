import type { PiiCategory } from "./index.ts";

/**
 * What a key (or a form field's label) says about the value under it:
 * - a PII category: the value is redacted whole, without looking at it;
 * - `PERSON`: a person or their contact, like `caller` or `to`; a string under it is a
 *   name, a phone or an email, told apart by its shape;
 * - `IDENTIFIER`: an order number, SKU or booking reference; scanned only for PII with an
 *   unmistakable shape, since long digit runs there are ids, not phone numbers;
 * - `NAME_OR_THING`: a bare `name`, a person's unless its parent holds products or services;
 * - `THING`: a product, service or vehicle; scanned, but a word there that is also a given
 *   name ("Jack Daniel's Glazed Ribs") is not taken for a person without a cue;
 * - `SEARCH`: a customer search ("Anna Weber 10115"); its capitalized words are names;
 * - `DESCRIPTIVE`: about the value rather than the value (`phoneType`, `emailVerified`);
 *   scanned, and never redacted whole because a parent key is PII;
 * - `SCAN`: unknown; strings are scanned with every detector.
 */
export type KeyClass =
  | PiiCategory
  | "PERSON"
  | "IDENTIFIER"
  | "NAME_OR_THING"
  | "THING"
  | "SEARCH"
  | "DESCRIPTIVE"
  | "SCAN";

/**
 * Last words that make a key about the value rather than the value itself: `phoneType`
 * holds "mobile", `emailVerified` a boolean, `cardBrand` "Visa".
 */
const DESCRIPTIVE = new Set([
  "type",
  "types",
  "kind",
  "verified",
  "validated",
  "valid",
  "consent",
  "optin",
  "optout",
  "opt",
  "count",
  "enabled",
  "preference",
  "preferences",
  "preferred",
  "status",
  "confirmed",
  "format",
  "label",
  "provider",
  "method",
  "channel",
  "source",
  "length",
  "required",
  "allowed",
  "last4",
  "brand",
  "network",
  "issuer",
  "present",
  "known",
  "missing",
  "changed",
  "updated",
  "country",
  "language",
  "locale",
  "template",
  "subject",
  "body",
  "message",
  "notes",
  "note",
  "text",
]);

/** Decorations after the meaningful words: `phone_e164`, `addressLine2`, `email_primary`. */
const DECORATION = new Set([
  "e164",
  "raw",
  "formatted",
  "value",
  "str",
  "string",
  "input",
  "normalized",
  "normalised",
  "full",
  "primary",
  "secondary",
  "alt",
  "alternate",
  "other",
  "home",
  "work",
  "main",
  "personal",
  "business",
  "1",
  "2",
  "3",
]);

/** Keys whose value is a person: a string there is their name, phone or email. */
const PERSON = new Set([
  "caller",
  "customer",
  "patient",
  "contact",
  "guest",
  "guests",
  "recipient",
  "recipients",
  "client",
  "attendee",
  "attendees",
  "passenger",
  "passengers",
  "person",
  "sender",
  "to",
  "from",
  "cc",
  "bcc",
  "reply_to",
  "emergency_contact",
  "parent",
  "guardian",
  "spouse",
  "owner",
  "holder",
  "participant",
  "participants",
  "invitee",
  "invitees",
  "who",
  "booked_by",
  "requested_by",
  "ordered_by",
]);

/** Words before `name` that make it a person's name: `first_name`, `guest_name`. */
const PERSON_NAME_PREFIX =
  /(^|_)(first|last|full|sur|given|family|middle|fore|maiden|nick|legal|display|caller|customer|patient|contact|guest|recipient|client|holder|cardholder|card_holder|account_holder|owner|sender|parent|guardian|spouse|emergency_contact|billing|shipping|delivery|your|my|person|user|member|attendee|passenger|student|child|driver|buyer|payer|tenant|applicant|signer|visitor|lead|primary|contact_person|name_on_card|on_card|mother|father|partner|dependent|insured|subscriber|policy_holder)$/;

/**
 * Rules on the key's words joined with `_`, in order: the first match decides. CVV and
 * expiry come before card (`card_cvv`), IP and email before address (`ip_address`), and
 * person names before card (`cardholder_name`).
 */
const RULES: readonly [RegExp, PiiCategory][] = [
  [/(^|_)(cvv2?|cvc2?|csc|security_code|card_code|card_verification\w*|cid_code)$/, "CVV"],
  [
    /(^|_)(expiry|expiration|exp|exp_date|expiry_date|expiration_date|exp_month|exp_year|expiry_month|expiry_year|expiration_month|expiration_year|valid_thru|valid_through|valid_until)$/,
    "EXPIRY",
  ],
  [/(^|_)iban(_|$)/, "IBAN"],
  [
    /(^|_)(ssn|social_security\w*|social_insurance\w*|national_insurance\w*|ni_number|nino|national_id\w*|tax_id|taxpayer_id|tin|itin|bsn|nif|nie|dni|codice_fiscale|steuer_id|steuernummer|personnummer|personal_number|sozialversicherungsnummer|numero_securite_sociale|id_number|identity_number|id_card\w*|identity_card\w*)(_|$)/,
    "SSN",
  ],
  [
    /(^|_)(dob|d_o_b|date_of_birth|birth\w*|born\w*|geburt\w*|geburtsdatum|naissance|date_de_naissance|nacimiento|fecha_de_nacimiento|data_di_nascita|geboortedatum)(_|$)/,
    "DOB",
  ],
  [/(^|_)(passport\w*|reisepass\w*|passeport\w*|pasaporte\w*)(_|$)/, "PASSPORT"],
  [
    /(^|_)(drivers?_licen[cs]e\w*|driving_licen[cs]e\w*|driver_licen[cs]e\w*|dl|dl_number|dl_no|licen[cs]e|licen[cs]e_number|licen[cs]e_no|licen[cs]e_id|fuhrerschein\w*|permis_de_conduire)$/,
    "DRIVER_LICENSE",
  ],
  [
    /(^|_)(mrn|medical_record\w*|member_id|member_number|member_no|membership_id|membership_number|insurance_id|insurance_number|insurance_no|insurance_member\w*|health_insurance_number|policy_id|policy_number|policy_no|subscriber_id|subscriber_number|group_number|group_no|nhs\w*|medicare\w*|medicaid\w*|health_id|health_card\w*|health_number|patient_id|patient_number|chart_number|versicherten\w*|krankenversicherungsnummer|carte_vitale|ehic\w*)$/,
    "HEALTH_ID",
  ],
  [/(^|_)(ip|ip_address|ip_addr|ipv4|ipv6|client_ip|remote_ip|ip_v4|ip_v6)$/, "IP"],
  [/(^|_)(e_?mail|e_?mail_address|e_?mail_addr|mail|mail_address)$/, "EMAIL"],
  [
    /(^|_)(phone|phones|phone_number|phone_numbers|phone_no|phone_num|telephone|telephone_number|tel|tel_no|mobile|mobile_number|mobile_no|mobile_phone|cell|cell_phone|cellphone|cell_number|fax|fax_number|msisdn|caller_id|callback|callback_number|call_back_number|whats_?app|whats_?app_number|contact_number|contact_phone|sms_number|ani|telefon|telefono|telephone_portable|handy|handynummer)$/,
    "PHONE",
  ],
  [
    /(^|_)(name_on_card|holder_name|card_holder|cardholder|account_holder|first_?name|last_?name|full_?name|sur_?name|given_?name|family_?name|middle_?name|fore_?name|maiden_?name|nick_?name|names|nombre|apellido|apellidos|vorname|nachname|prenom|nom|cognome|voornaam|achternaam)$/,
    "NAME",
  ],
  [
    /(^|_)(card|cards|card_number|card_num|card_no|pan|cc|cc_number|cc_num|cc_no|credit_card\w*|debit_card\w*|payment_card\w*|gift_card\w*|loyalty_card\w*)$/,
    "CARD",
  ],
  [
    /(^|_)(iban|bank_account\w*|account_number|account_no|account_num|acct|acct_number|acct_no|acct_num|account|routing|routing_number|routing_no|aba|aba_number|sort_code|sortcode|bsb|bic|swift|swift_code|kontonummer|bankleitzahl|blz|rib)$/,
    "BANK_ACCOUNT",
  ],
  [
    /(^|_)(post_?code|postal_?code|zip|zip_?code|plz|postleitzahl|code_postal|cp|eircode|codigo_postal)$/,
    "POSTCODE",
  ],
  [
    /(^|_)(address|addresses|addr|street|street_address|street_name|street_number|address_line|line1|line2|house_number|house_no|apartment|apt|flat|city|town|locality|county|neighbou?rhood|residence|home_address|billing_address|shipping_address|delivery_address|mailing_address|strasse|adresse|direccion|indirizzo|adres|huisnummer|hausnummer|ort|stadt|ville|ciudad|citta|woonplaats|location_address|pickup_address|dropoff_address)$/,
    "ADDRESS",
  ],
];

/** Keys whose value names a thing the business sells or does. */
const THING =
  /(^|_)(products?|product_name|product_title|items?|item_name|item_title|services?|service_name|service_type|treatments?|treatment_name|dish|dish_name|menu_item|vehicle|vehicle_model|model|make|appointment_type|plan|package|medication|drug|course|class_name|room_type|modifiers?|extras|toppings|add_ons?)$/;

/** Keys whose value is what a customer is looked up by. */
const SEARCH =
  /^(q|query|search|search_term|search_query|search_text|lookup|lookup_query|term|keyword|keywords|customer_query|filter_text)$/;

/** Last words that mark an identifier: `order_id`, `sku`, `booking_ref`. */
const IDENTIFIER_NUMBER = /_(number|no|num)$/;

const IDENTIFIER =
  /(^|_)(id|ids|uuid|sku|skus|ref|reference|code|key|slug|confirmation|invoice|receipt|tracking|serial|barcode|ean|upc|gtin|isbn|plu)$/;

/** Splits a key or label into lowercase words: `cardHolderName` → `card_holder_name`. */
export function keyWords(key: string): string {
  const spaced = key
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return spaced;
}

function stripDecoration(words: string): string {
  const parts = words.split("_");
  while (parts.length > 1 && DECORATION.has(parts[parts.length - 1] ?? "")) parts.pop();
  while (parts.length > 1 && DECORATION.has(parts[0] ?? "")) parts.shift();
  return parts.join("_");
}

function classifyWords(words: string): KeyClass {
  if (words === "") return "SCAN";

  const last = words.slice(words.lastIndexOf("_") + 1);
  if (DESCRIPTIVE.has(last)) return "DESCRIPTIVE";

  const core = stripDecoration(words);
  if (PERSON.has(core)) return "PERSON";
  if (core === "name") return "NAME_OR_THING";
  if (core.endsWith("_name")) {
    const prefix = core.slice(0, -"_name".length);
    if (PERSON_NAME_PREFIX.test(prefix)) return "NAME";
  }

  for (const [rule, category] of RULES) {
    if (rule.test(core)) return category;
  }

  // A bare `number` may be the phone an SMS goes to; `order_number` is an id.
  if (IDENTIFIER.test(core) || IDENTIFIER_NUMBER.test(core)) return "IDENTIFIER";
  if (SEARCH.test(core)) return "SEARCH";
  if (THING.test(core)) return "THING";
  if (core === "title") return "NAME_OR_THING";
  return "SCAN";
}

/** Keys seen recently; tool schemas repeat the same few dozen, so this stays small. */
const cache = new Map<string, KeyClass>();
const CACHE_LIMIT = 4096;

/** Classifies an object key such as `customerPhone`, `DOB` or `billing_address.line1`. */
export function classifyKey(key: string): KeyClass {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;

  const result = classifyWords(keyWords(key));
  // A tool could send unbounded distinct keys; forgetting is cheaper than growing.
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, result);
  return result;
}

/**
 * Classifies a form field's label ("Date of birth", "Insurance member ID", "Your phone")
 * the same way as a key. Labels are prose, so a phrase inside counts too: "Best number to
 * reach you" is a phone.
 */
export function classifyLabel(label: string): KeyClass {
  const hit = labelCache.get(label);
  if (hit !== undefined) return hit;

  const result = classifyLabelWords(label);
  if (labelCache.size >= CACHE_LIMIT) labelCache.clear();
  labelCache.set(label, result);
  return result;
}

const labelCache = new Map<string, KeyClass>();

function classifyLabelWords(label: string): KeyClass {
  const byKey = classifyKey(label);
  if (byKey === "NAME_OR_THING") return "NAME";
  if (byKey === "DESCRIPTIVE") return "SCAN";
  if (byKey !== "SCAN" && byKey !== "IDENTIFIER" && byKey !== "THING" && byKey !== "SEARCH") {
    return byKey;
  }

  const words = `_${keyWords(label)}_`;
  for (const [pattern, category] of LABEL_PHRASES) {
    if (pattern.test(words)) return category;
  }
  return byKey;
}

/** Phrases of a label that name the value's category wherever they stand. */
const LABEL_PHRASES: readonly [RegExp, PiiCategory][] = [
  [/_(card_number|credit_card|debit_card)_/, "CARD"],
  [/_(cvv|cvc|security_code)_/, "CVV"],
  [/_(expiry|expiration)_/, "EXPIRY"],
  [/_(ssn|social_security)_/, "SSN"],
  [/_(date_of_birth|birth|born|dob)_/, "DOB"],
  [/_passport_/, "PASSPORT"],
  [/_(driver|driving)_?s?_licen[cs]e_/, "DRIVER_LICENSE"],
  [
    /_(member_id|policy_number|mrn|medical_record|nhs|insurance_id|insurance_number|medicare)_/,
    "HEALTH_ID",
  ],
  [/_iban_/, "IBAN"],
  [/_(account_number|routing|sort_code|bank_account)_/, "BANK_ACCOUNT"],
  [/_(e_?mail)_/, "EMAIL"],
  [/_(phone|mobile|cell|telephone|number_to_reach|reach_you|call_back|callback)_/, "PHONE"],
  [/_(post_?code|postal_code|zip)_/, "POSTCODE"],
  [/_(address|street|city)_/, "ADDRESS"],
  [
    /_(your_name|full_name|first_name|last_name|surname|patient_name|name_of_\w+)_|^_name_$/,
    "NAME",
  ],
];

/**
 * Parent keys whose children's `name` is a product's, a service's or a place's, not a
 * person's: `items[0].name`, `service.name`.
 */
const THING_PARENTS = new Set([
  "item",
  "items",
  "line_items",
  "order_items",
  "cart",
  "product",
  "products",
  "menu",
  "menu_items",
  "service",
  "services",
  "dish",
  "dishes",
  "addons",
  "add_ons",
  "extras",
  "options",
  "modifiers",
  "toppings",
  "variants",
  "variant",
  "treatment",
  "treatments",
  "appointment_type",
  "package",
  "plan",
  "location",
  "store",
  "business",
  "company",
  "venue",
  "room",
  "category",
  "department",
  "form",
  "fields",
  "field",
  "tool",
  "event",
  "calendar",
  "resource",
  "selections",
  "order",
  "catalog",
  "offering",
  "offerings",
  "medication",
  "medications",
  "prescription",
  "prescriptions",
  "questions",
  "answers",
  "reason",
]);

/** True when a `name` under `parentKey` belongs to a thing rather than a person. */
export function isThingParent(parentKey: string | undefined): boolean {
  if (parentKey === undefined) return false;
  const hit = thingParentCache.get(parentKey);
  if (hit !== undefined) return hit;

  const result = THING_PARENTS.has(stripDecoration(keyWords(parentKey)));
  if (thingParentCache.size >= CACHE_LIMIT) thingParentCache.clear();
  thingParentCache.set(parentKey, result);
  return result;
}

const thingParentCache = new Map<string, boolean>();
