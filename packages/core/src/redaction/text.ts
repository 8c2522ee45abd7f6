import { isIP } from "node:net";
import { type CountryCode, isValidPhoneNumber } from "libphonenumber-js/max";
import { countDigits, digitsOf, ibanValid, luhnValid, ssnPlausible } from "./checks.ts";
import type { PiiCategory } from "./index.ts";
import { FIRST_NAMES, SURNAME_WORDS } from "./names.ts";

// Every pattern is compiled once, here. Global regexes are shared, so each use resets
// `lastIndex` first; the module is synchronous, so no two scans interleave.

/**
 * How hard to look. `full` runs every detector. `strict` is for identifier fields (order
 * numbers, SKUs): only PII with an unmistakable shape (email, Luhn-valid card, IBAN,
 * dashed SSN, international or formatted phone), since bare digit runs there are ids.
 * `thing` is for product and service names: everything but the bundled name list, so
 * "Jack Daniel's Glazed Ribs" stays. `search` is for a customer search, whose
 * capitalized words are names.
 */
export type ScanMode = "full" | "strict" | "thing" | "search";

interface Span {
  start: number;
  end: number;
  category: PiiCategory;
}

/**
 * A value the tool call itself marks as PII (the string under `firstName` or `address`),
 * searched for in the call's free text: "Daan" under `callerFirstName` is a name in the
 * notes too, whether or not any detector would know it. Matched as whole words.
 */
export interface KnownValue {
  /** Lowercase. */
  term: string;
  category: PiiCategory;
}

/** Called once per PII value found, with its category. */
export type OnFinding = (category: PiiCategory) => void;

const THIS_YEAR = new Date().getUTCFullYear();
/** A full date this old is a birth date, not an appointment (see `detectDates`). */
const NEWEST_BIRTH_YEAR = THIS_YEAR - 12;

/** Words that may sit between a cue ("member id") and its value ("is: #"). */
const FILLER = String.raw`(?:[\s:#=.\-]|\b(?:is|was|are|number|no|num|nr|id|code|of|the|my|on|file)\b){0,12}`;

/** An id-like token: alphanumeric chunks, each after the first with a digit in it. */
const ID_TOKEN = String.raw`(?:[A-Za-z]{1,4}-)?[A-Za-z0-9]*\d[A-Za-z0-9]*(?:[ \-/][A-Za-z]{0,3}\d[A-Za-z0-9]*){0,4}`;

const EMAIL = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[^\s@<>()[\]"',;:.]{2,}/g;
const SPOKEN_EMAIL =
  /\b[\w.+-]+(?:\s+dot\s+[\w+-]+)*\s+(?:at|@)\s+[\w-]+(?:\s+dot\s+[\w-]+)*\s+dot\s+[a-z]{2,}\b/gi;

const IBAN = /\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]){11,32}\b/gi;
const IBAN_CUE = /\biban\W{0,6}$/i;

const CARD = /(?<![\d.,])\d(?:[ -]?\d){12,30}(?![\d])/g;
const CARD_CUE = /\b(?:card|visa|mastercard|amex|discover|debit|credit|pan)\b[^\d\n]{0,20}$/i;
const NEAR_EXPIRY = /(?<![\d/-])(?:0?[1-9]|1[0-2])\s?[/-]\s?(?:20)?\d{2}(?![\d/])/g;
/** A lone 3–4 digit group: not a piece of a phone number, a price, a time or a date. */
const NEAR_CVV = /(?<![\d$£€.,:/+-])\d{3,4}(?![\d:/.,]|[ -]\d|\s?(?:am|pm|h)\b)/gi;

const SSN_DASHED = /(?<![\d+-])(\d{3})([- ])(\d{2})\2(\d{4})(?![\d-])/g;
const SSN_CUE =
  /\b(?:ssn|ss#|ss\s+no\.?|social(?:\s+security)?(?:\s+(?:number|no\.?|num|#))?|last\s+(?:4|four)(?:\s+digits)?\s+of\s+(?:my\s+|the\s+|his\s+|her\s+)?(?:ssn|social))\b[^\d\n]{0,24}?(\d{3}[- .]?\d{2}[- .]?\d{4}|\d{4})(?!\d)/gi;
const NINO = /\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g;

/** Cue-then-value detectors: the cue says what the token after it is. */
const CUED: readonly [RegExp, PiiCategory, number][] = [
  [
    new RegExp(
      String.raw`\b(?:cvv2?|cvc2?|csc|security\s+code|card\s+code|verification\s+(?:code|number|value)|(?:3|4|three|four)[- ]digit\s+code|code\s+on\s+the\s+back)\b${FILLER}(\d{3,4})(?!\d)`,
      "gi",
    ),
    "CVV",
    3,
  ],
  [
    new RegExp(
      String.raw`\b(?:exp(?:iry|iration|ires|ire|\.)?(?:\s+date)?|valid\s+(?:thru|through|until|till)|good\s+(?:thru|through)|ablaufdatum|g[üu]ltig\s+bis|date\s+d'expiration|caducidad|scadenza)${FILLER}((?:0?[1-9]|1[0-2])\s?[/.\-]\s?(?:20)?\d{2})(?!\d)`,
      "gi",
    ),
    "EXPIRY",
    3,
  ],
  [
    new RegExp(
      String.raw`\b(?:(?:bank\s+)?account|acct\.?|a\/c|routing|aba|sort\s*code|bsb|kontonummer|konto|num[ée]ro\s+de\s+compte|n[úu]mero\s+de\s+cuenta|conto|rekeningnummer|rekening)${FILLER}(\d[\d \-]{3,30}\d)`,
      "gi",
    ),
    "BANK_ACCOUNT",
    6,
  ],
  [
    new RegExp(
      String.raw`\b(?:passport|passeport|pasaporte|reisepass|passaporto|paspoort)${FILLER}(${ID_TOKEN})`,
      "gi",
    ),
    "PASSPORT",
    3,
  ],
  [
    new RegExp(
      String.raw`(?:\b(?:driver'?s?|drivers|driving)\s+licen[cs]e|\bDL\b|\bd\.l\.|f[üu]hrerschein|permis\s+de\s+conduire|carn[ée]\s+de\s+conducir|patente|rijbewijs)${FILLER}(${ID_TOKEN})`,
      "gi",
    ),
    "DRIVER_LICENSE",
    3,
  ],
  [
    new RegExp(
      String.raw`\b(?:member(?:ship)?(?:\s*(?:id|number|no|#))?|insurance\s*(?:id|number|no|#|member\s*id|policy(?:\s*number)?)|policy(?:\s*(?:id|number|no|#))?|mrn|medical\s+record(?:\s+(?:number|no|#))?|nhs(?:\s+(?:number|no))?|subscriber\s*(?:id|number)|medicare(?:\s+(?:number|id|no|#))?|medicaid(?:\s+(?:number|id|no|#))?|health\s*(?:card|insurance|plan)?\s*(?:id|number|no)|group\s*(?:number|no|#)|chart\s*(?:number|no|#)|patient\s*(?:id|number|no|#)|versichertennummer|krankenversicherungsnummer|carte\s+vitale|tarjeta\s+sanitaria|ehic)${FILLER}(${ID_TOKEN})`,
      "gi",
    ),
    "HEALTH_ID",
    3,
  ],
];

const BIC_CUE = /\b(?:bic|swift)(?:\s+code)?[\s:#=]*([A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?)\b/g;

const MONTHS =
  "jan(?:uary|uar|vier)?|feb(?:ruary|ruar)?|f[ée]vrier|mar(?:ch)?|m[äa]rz|maerz|mars|apr(?:il)?|avril|may|mai|june?|juni|juin|july?|juli|juillet|aug(?:ust)?|ao[ûu]t|sep(?:t(?:ember)?)?|septembre|oct(?:ober)?|oktober|octobre|nov(?:ember)?|novembre|dec(?:ember)?|dezember|d[ée]cembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|januari|februari|maart|mei|augustus";
const DATE = String.raw`(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?![-/.]?\d)|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})(?![-/.]?\d)|\d{1,2}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?:${MONTHS})\.?,?\s+\d{4}|(?:${MONTHS})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})`;
const DATE_YEARLESS = String.raw`(?:\d{1,2}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?:${MONTHS})\b|(?:${MONTHS})\.?\s+\d{1,2}(?:st|nd|rd|th)?\b|\d{1,2}[/.]\d{1,2}(?![/.\d]))`;
const DOB_CUE = new RegExp(
  String.raw`\b(?:dob|d\.o\.b\.?|date\s+of\s+birth|birth\s*date|birthday|born(?:\s+on)?|geboren(?:\s+am|\s+op)?|geburtsdatum|n[ée]e?\s+le|date\s+de\s+naissance|fecha\s+de\s+nacimiento|nacid[oa]\s+el|data\s+di\s+nascita|nat[oa]\s+il|geboortedatum)[^\d\n]{0,25}?(${DATE}|${DATE_YEARLESS})`,
  "gi",
);
const ANY_DATE = new RegExp(`(?<![\\d/.-])${DATE}`, "gi");

const IPV4 =
  /(?<![\w.])(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?![\d]|\.\d)/g;
const VERSION_BEFORE = /(?:\b(?:version|ver|firmware|release|build|v)\.?\s*|\bv)$/i;
const IPV6_CANDIDATE = /(?<![\w:])[0-9A-Fa-f:]*:[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*(?![\w:])/g;

const PHONE_CANDIDATE =
  /(?<![\w@+./-])(?<!\d:)(?:\+|\b00)?\s?\(?\d(?:[\d]|[ .\-/]{1,2}(?=\(?\d)|\)\s?|\s?\((?=\d))*\d(?![\w@]|[./:-]\d)/g;
const PHONE_SEPARATORS = /[ .\-()/]/;
const PHONE_GROUP = /\+?\(?\d+\)?/g;
/** Dates and fractions: "2025-06-14", "14.06.2025", "3/4", "1/2/2026". */
const DATE_SHAPE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}(?:[-./]\d{2,4})?)$/;
const ID_CUE_BEFORE =
  /(?:\b(?:order|ord|sku|item|ref|reference|invoice|inv|confirmation|conf|booking|reservation|ticket|tracking|case|po|product|model|serial|part|account|acct|member|policy|routing|iban|passport|licen[cs]e|mrn|record|id|code|receipt|transaction|txn|plu|upc|ean|isbn|batch|lot|room|table|flight|voucher|coupon|promo)\b[\s:#.-]*(?:(?:no|number|num|nr|id|code|is)\b[\s:#.-]*){0,2}|#\s*)$/i;
const PHONE_CUE_BEFORE =
  /\b(?:call|calls|called|calling|phone|tel|telephone|mobile|cell|cellphone|text|texts|sms|whatsapp|reach|contact|number|nummer|num[ée]ro|n[úu]mero|numero|telefon|t[ée]l[ée]phone|tel[ée]fono|handy|portable|m[óo]vil|cellulare|ring|dial|fax|callback|call\s+back|on)\b[^\d\n]{0,16}$/i;
const US_LOCAL = /^\d{3}[-. ]\d{4}$/;
const NANP = /^(?:\+?1[ .-]?)?\(?[2-9]\d{2}\)?[ .-]?\d{3}[ .-]?\d{4}$/;

/**
 * National formats to try for a number without a country code, most callers first. The
 * US is not among them: the NANP shape check before them already accepts its numbers.
 */
const PHONE_REGIONS: readonly CountryCode[] = [
  "GB",
  "DE",
  "FR",
  "ES",
  "IT",
  "NL",
  "IE",
  "BE",
  "AT",
  "CH",
  "PT",
];

const STREET_SUFFIX =
  "Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Terr|Close|Crescent|Cres|Gardens|Gdns|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Square|Sq|Row|Mews|Grove|Walk|Hill|Park|Trail|Trl|Loop|Pike|Alley|Plaza|Broadway|Green|Vale|Wharf|Quay|Esplanade|Parade|Embankment|Heights|Ridge|Crossing|Gate|Yard|Wynd";
const UNIT = String.raw`(?:Flat|Apt|Apartment|Unit|Suite|Ste|Floor|Fl|Room|Rm|#)\.?\s*#?[A-Za-z0-9\-]+`;
const CITY_TAIL = String.raw`(?:,\s*[A-Z][A-Za-z'’.\-]+(?:\s+[A-Z][A-Za-z'’.\-]+){0,2}){0,2}(?:,?\s+[A-Z]{2}\b)?(?:,?\s+\d{5}(?:-\d{4})?\b)?`;
const STREET = new RegExp(
  String.raw`(?:${UNIT},?\s+)?\b\d{1,5}[A-Za-z]?(?:[-/]\d{1,5}[A-Za-z]?)?,?\s+(?:(?:[NSEW]|North|South|East|West|NE|NW|SE|SW)\.?\s+)?(?:(?:\d{1,3}(?:st|nd|rd|th)|[A-Z][A-Za-z'’.\-]*)\s+){1,4}?(?:${STREET_SUFFIX})\b\.?(?:\s+(?:[NSEW]|NE|NW|SE|SW|North|South|East|West)\b)?(?:,?\s*${UNIT})?${CITY_TAIL}`,
  "g",
);
/**
 * A street address after a cue, in any case: speech-to-text writes "i live at 42 maple
 * drive", which the capitalized pattern above cannot see.
 */
const CUED_STREET = new RegExp(
  String.raw`\b(?:address\s+is|address:|live\s+at|lives\s+at|living\s+at|deliver(?:y|ed)?\s+(?:it\s+)?to|ship(?:ping)?\s+to|send\s+it\s+to|located\s+at|resid(?:e|es|ing)\s+at)\s*:?\s*(\d{1,5}[a-z]?,?\s+(?:[a-z][a-z'’.\-]*\s+){1,4}?(?:${STREET_SUFFIX})\b\.?(?:,?\s*${UNIT})?)`,
  "gi",
);
const EU_TAIL = String.raw`(?:,?\s+(?:[A-Z]{1,2}-)?\d{4,5}(?:\s?[A-Z]{2})?\s+[A-ZÄÖÜÀ-Ý][\wäöüßà-ÿ\-]+)?`;
const STREET_GERMANIC = new RegExp(
  String.raw`(?:\b[A-ZÄÖÜ][a-zäöüß\-]*(?:straße|strasse|str\.|weg|allee|platz|gasse|ring|damm|ufer|chaussee|straat|laan|gracht|plein|kade|dreef|singel|steeg|vej|gatan|gata|gade)|\b[A-ZÄÖÜ][a-zäöüß]+\s+(?:Straße|Strasse|Str\.|Weg|Allee|Platz|Gasse|Damm))\s+\d{1,4}\s?[a-zA-Z]?\b${EU_TAIL}`,
  "g",
);
const LINKS_FR = String.raw`(?:(?:de|du|des|la|le|les|l['’]|d['’]|saint|sainte|et)\s*)*`;
const STREET_FR = new RegExp(
  String.raw`\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:[Rr]ue|[Aa]venue|[Aa]v\.|[Bb]oulevard|[Bb]d|[Pp]lace|[Cc]hemin|[Aa]ll[ée]e|[Ii]mpasse|[Qq]uai|[Rr]oute|[Cc]ours|[Ss]quare|[Pp]assage|[Rr]ond-[Pp]oint|[Vv]oie)\s+${LINKS_FR}[A-ZÀ-Ý][\wÀ-ÿ'’\-]*(?:\s+${LINKS_FR}[A-ZÀ-Ý][\wÀ-ÿ'’\-]*)*${EU_TAIL}`,
  "g",
);
const LINKS_SOUTH = String.raw`(?:(?:de|del|la|las|los|el|dei|della|delle|degli|di|da|do|dos|das|y|e)\s+)*`;
const STREET_SOUTH = new RegExp(
  String.raw`\b(?:[Cc]alle|C\/|[Aa]venida|[Aa]vda\.?|[Pp]laza|[Pp]aseo|[Cc]arrer|[Cc]amino|[Rr]onda|[Tt]raves[ií]a|[Vv]ia|[Vv]iale|[Pp]iazza|[Cc]orso|[Ll]argo|[Vv]icolo|[Rr]ua|[Tt]ravessa|[Aa]lameda)\s+${LINKS_SOUTH}[A-ZÀ-Ý][\wÀ-ÿ'’\-]*(?:\s+${LINKS_SOUTH}[A-ZÀ-Ý][\wÀ-ÿ'’\-]*)*,?\s*(?:n[º°o.]\s*)?\d{1,4}(?:\s?[A-Za-z])?\b${EU_TAIL}`,
  "g",
);

const UK_POSTCODE = /\b[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}\b/g;
const EIRCODE = /\b[AC-FHKNPRTV-Y]\d{2} ?[AC-FHKNPRTV-Y0-9]{4}\b/g;
const POSTCODE_CUE = new RegExp(
  String.raw`\b(?:zip(?:\s*code)?|postal\s*code|post\s*code|postcode|plz|postleitzahl|code\s+postal|c[oó]digo\s+postal|postcode|c\.p\.|cap)${FILLER}(\d{4,5}(?:-\d{4})?|[A-Z0-9]{2,4} ?[A-Z0-9]{3})(?![\w])`,
  "gi",
);
const US_STATE_ZIP =
  /\b(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY)\s+(\d{5}(?:-\d{4})?)\b/g;
const EU_POSTCODE_CITY =
  /(?:^|[,;]\s*|\b(?:in|at|à|en|a|zu|nach)\s+)((?:[A-Z]{1,2}-)?\d{4,5})\s+[A-ZÄÖÜÀ-Ý][a-zäöüßà-ÿ]+/g;
const NUMERIC_DATE = /^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})$/;
const YEARISH = /^(?:19[5-9]\d|20[0-3]\d)$/;
const NL_POSTCODE = /\b[1-9]\d{3} ?([A-Z]{2})\b/g;
/** Two capitals after four digits that are units or times, not a Dutch postcode. */
const NOT_NL_LETTERS = new Set(
  "AM PM MG ML KG CM MM GB MB KB HZ KM MI LB OZ CC TB UK US EU ID OK NO SA SD SS GE".split(" "),
);

const CAP_WORD = /(?<![\p{L}\p{N}'’])\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?/gu;
const NAME_TOKEN =
  /\s*(\p{Lu}\.|\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?|(?:van|von|de|der|den|da|di|du|del|della|le|la|dos|das|ter|ten|bin|al|mac|st\.?)(?=\s+(?:\p{Ll}{1,4}\s+)?\p{Lu}))/uy;
const TITLES =
  "Mrs|Mr|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Herr|Frau|Monsieur|Madame|Mme|Mlle|Señora|Señor|Senora|Senor|Srta|Sra|Sr|Signora|Signor|Sig\\.ra|Sig|Dhr|Mevrouw|Mevr|Meneer";
// Case-insensitive for the cue; whether a capital follows is checked in code, because
// under the i flag \p{Lu} matches lowercase letters too.
const STRONG_NAME_CUE = new RegExp(
  String.raw`(?:\b(?:${TITLES})\b\.?|\b(?:my\s+name\s+is|name\s+is|name'?s|call\s+me|named|dear|hi|hello|hey|thanks|thank\s+you|attn|attention|c\/o|on\s+behalf\s+of|under\s+the\s+name(?:\s+of)?|ich\s+bin|je\s+suis|je\s+m'appelle|me\s+llamo|mi\s+chiamo|mein\s+name\s+ist|ik\s+ben|mijn\s+naam\s+is|patient|caller|customer|client|guest|speak(?:ing)?\s+(?:to|with)|spoke\s+(?:to|with)|ask\s+for|contact\s+person|name)\b)\s*[:,\-]?\s*(?:is\s+)?`,
  "gi",
);
/**
 * A capitalized word or two as the subject of a verb only people do: "Xiomara will bring
 * the paperwork", "Tadhg asked for a callback". Common words are filtered in code.
 */
const NAME_BEFORE_VERB =
  /(?<![\p{L}\p{N}'’])(\p{Lu}[\p{Ll}'’-]+(?: \p{Lu}[\p{Ll}'’-]+)?)(?= (?:asked|asks|said|says|mentioned|prefers|preferred|wants|wanted|needs|needed|requested|requests|confirmed|called|rang|phoned|likes|loves|hates|agreed|booked|paid|cancell?ed|complained|spoke|explained|lives|works|would like|will (?:bring|collect|pick|come|arrive|call|drop|be (?:late|there|coming|bringing))|is (?:allergic|coming|bringing|running late|pregnant|diabetic)|has (?:an? )?(?:allergy|appointment)|can(?:'t|not) (?:make|come))\b)/gu;
/** A postcode typed right after a name: "Anna Weber 10115", "J Smith, 62704". */
const CODE_AFTER_NAME =
  /,? (\d{4,5}(?:-\d{4})?)(?![\d:.,/]|\s?(?:x|pcs|items?|people|guests|am|pm|h|min|kg|g|ml|%))/y;
const LOWER_NAME_CUE =
  /\b(?:my\s+name\s+is|my\s+name'?s|call\s+me)\s+(\p{L}[\p{L}'’-]+)(?:(\s+)(\p{L}[\p{L}'’-]+))?/giu;
/** "this is kwame mensah calling", "i'm ana from the office". */
const SELF_INTRODUCTION =
  /\b(?:this\s+is|it'?s|i'?m|i\s+am)\s+(\p{L}[\p{L}'’-]+(?:\s+\p{L}[\p{L}'’-]+)?)\s+(?:calling|here|speaking|from)\b/giu;
const CALLING_GATE = /calling|here|speaking|from/i;
const NAME_GATE = /name|call me/i;
const PARTICLE_GAP = /^ (?:(?:van|von|de|der|den|da|di|du|del|della|le|la|dos|das|ter|ten) )*$/;
const NAME_PARTICLES = new Set([
  "van",
  "von",
  "de",
  "der",
  "den",
  "da",
  "di",
  "du",
  "del",
  "della",
  "le",
  "la",
  "dos",
  "das",
  "ter",
  "ten",
  "bin",
  "al",
  "mac",
  "st",
  "st.",
]);

/** Capitalized words that are never part of a person's name in a tool call. */
const NOT_NAME = new Set(
  `
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
i the a an and or but if at on in to for from with by of as is it its it's this that these those there here
again so all everyone everybody both anyway
mr mrs ms miss mx dr prof sir dame herr frau monsieur madame mme mlle señor señora sr sra srta
please thanks thank hi hello hey dear yes no ok okay sure reply stop your you we our my me he she they them his her
calling call called just also team support service services customer customers client caller patient guest
street road avenue st rd ave lane drive way close court place square
cafe café restaurant bistro grill bar pub bakery kitchen diner clinic dental dentistry salon spa pizza pizzeria
hotel inn center centre pharmacy hospital inc ltd llc gmbh co company office practice surgery garage group bank
insurance health medical care today tomorrow tonight morning afternoon evening noon midnight order booking
appointment reservation confirmed confirmation note notes allergy allergies delivery pickup collection table room
visa mastercard amex card cash sms email phone mobile christmas easter weekend large small medium regular extra new
old first last next follow up check cleaning haircut massage consultation checkup exam trim cut color colour gluten
vegan vegetarian free total subtotal tip tax qty quantity item items price deposit balance payment paid unpaid due
special offer promo code discount size party adults children kids adult child people person persons pm am
hours hour minutes minute week weeks day days month months year years new york london paris berlin madrid rome
amsterdam dublin manchester chicago boston texas california florida usa uk us eu
`
    .split(/\s+/)
    .filter((word) => word !== ""),
);

// Gates: one cheap test that tells whether a family of detectors can match at all, so a
// typical short value runs a handful of simple scans rather than every full pattern.
const SPOKEN_DOT = / dot /i;
const UPPER_DIGIT = /[A-Z] ?\d|\d ?[A-Z]/;
const HAS_UPPER = /[A-ZÀ-ÖØ-Þ]/;
const FOUR_DIGITS = /\d{4}/;
const INITIAL = /^\p{Lu}\.$/u;
const NON_ASCII = /[^ -~]/;
const STARTS_UPPER = /^\p{Lu}/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const COMBINING = /[\u0300-\u036f]/g;
const SSN_GATE = /ss|social/i;
const CUE_GATE =
  /cv|csc|secur|code|verif|digit|exp|valid|good|ablauf|g[üu]ltig|caduc|scaden|acc|acct|a\/c|rout|aba|sort|bsb|kont|compt|cuent|conto|rekening|pas|reisepass|licen|DL|d\.l\.|hrerschein|permis|carn|patente|rijbewijs|member|insur|polic|mrn|medic|nhs|subscri|health|group|chart|patient|versicherten|kranken|vitale|sanitaria|ehic|bic|swift/i;
const DOB_GATE = /dob|d\.o\.b|birth|born|geb|naiss|n[ée]e? le|nacid|nascita|nat[oa] il/i;
const DATE_GATE = /\d{4}|\d[-/.]\d{1,2}[-/.]\d/;
const ADDRESS_CUE_GATE = /address|live|living|deliver|ship|send it|located|resid/i;
const STREET_GATE = new RegExp(`\\b(?:${STREET_SUFFIX})\\b`);
const GERMANIC_GATE =
  /stra(?:ß|ss)e|str\.|weg|allee|platz|gasse|ring|damm|ufer|chaussee|straat|laan|gracht|plein|kade|dreef|singel|steeg|vej|gat|gade/i;
const FR_GATE =
  /\b(?:rue|avenue|av\.|boulevard|bd|place|chemin|all[ée]e|impasse|quai|route|cours|square|passage|rond-point|voie)\b/i;
const SOUTH_GATE =
  /\b(?:calle|c\/|avenida|avda|plaza|paseo|carrer|camino|ronda|traves|via|viale|piazza|corso|largo|vicolo|rua|travessa|alameda)\b/i;
const POSTCODE_GATE = /zip|post|plz|code|c\.p\.|cap/i;
const STATE_ZIP_GATE = /[A-Z]{2}\s+\d{5}/;

function push(spans: Span[], start: number, end: number, category: PiiCategory): void {
  if (end > start) spans.push({ start, end, category });
}

/**
 * The next match of a shared global regex, for loops that reset `lastIndex` first. Plain
 * `exec` on the compiled pattern, unlike `matchAll`, neither clones the regex nor
 * allocates an iterator, and a loop body is no closure to allocate per call.
 */
function next(re: RegExp, text: string): RegExpExecArray | null {
  const m = re.exec(text);
  if (m && m[0].length === 0) re.lastIndex++;
  return m;
}

/** Pushes every whole match. */
function pushMatches(re: RegExp, text: string, category: PiiCategory, spans: Span[]): void {
  re.lastIndex = 0;
  for (let m = next(re, text); m; m = next(re, text)) {
    push(spans, m.index, m.index + m[0].length, category);
  }
}

/**
 * Pushes group 1 of every match, which the pattern places at the end of the match, when
 * its value has at least `minDigits` digits.
 */
function pushTail(
  re: RegExp,
  text: string,
  category: PiiCategory,
  minDigits: number,
  spans: Span[],
  accept?: (value: string) => boolean,
): void {
  re.lastIndex = 0;
  for (let m = next(re, text); m; m = next(re, text)) {
    const value = m[1];
    if (value === undefined || countDigits(value) < minDigits) continue;
    if (accept && !accept(value)) continue;
    const end = m.index + m[0].length;
    push(spans, end - value.length, end, category);
  }
}

function detectEmails(text: string, spans: Span[]): void {
  if (text.includes("@")) pushMatches(EMAIL, text, "EMAIL", spans);
  if (SPOKEN_DOT.test(text)) pushMatches(SPOKEN_EMAIL, text, "EMAIL", spans);
}

function detectIbans(text: string, spans: Span[]): void {
  IBAN.lastIndex = 0;
  match: for (let m = next(IBAN, text); m; m = next(IBAN, text)) {
    const raw = m[0];
    // The match may run on into the next word; the longest prefix that checks out wins.
    let compact = "";
    const ends: number[] = [];
    for (let i = 0; i < raw.length; i++) {
      const ch = raw[i] ?? "";
      if (ch === " " || ch === "-") continue;
      compact += ch.toUpperCase();
      ends.push(i + 1);
    }
    for (let len = compact.length; len >= 15; len--) {
      if (ibanValid(compact.slice(0, len))) {
        push(spans, m.index, m.index + (ends[len - 1] ?? raw.length), "IBAN");
        continue match;
      }
    }
    // A mistyped IBAN is still the caller's bank account when they call it one.
    if (IBAN_CUE.test(text.slice(Math.max(0, m.index - 12), m.index))) {
      push(spans, m.index, m.index + raw.length, "IBAN");
    }
  }
}

function detectCards(text: string, spans: Span[]): void {
  const ibans = spans.length;
  CARD.lastIndex = 0;
  for (let m = next(CARD, text); m; m = next(CARD, text)) {
    // The digits of an IBAN are no card, and what follows them no expiry.
    if (overlapsAny(spans, ibans, m.index, m.index + m[0].length, "IBAN")) continue;
    const found = cardWithin(m[0]);
    if (found) {
      const end = m.index + found[1];
      push(spans, m.index + found[0], end, "CARD");
      detectNearCard(text, end, spans);
      continue;
    }
    // A number the caller read out as their card is theirs even when a digit is wrong.
    const digits = countDigits(m[0]);
    if (digits < 13 || digits > 19) continue;
    if (!CARD_CUE.test(text.slice(Math.max(0, m.index - 40), m.index))) continue;
    const end = m.index + m[0].length;
    push(spans, m.index, end, "CARD");
    detectNearCard(text, end, spans);
  }
}

function overlapsAny(
  spans: Span[],
  count: number,
  start: number,
  end: number,
  category: PiiCategory,
): boolean {
  for (let i = 0; i < count; i++) {
    const span = spans[i];
    if (span && span.category === category && span.start < end && start < span.end) return true;
  }
  return false;
}

const DIGIT_RUN = /\d+/g;

/**
 * The longest run of whole digit groups inside `raw` that is a Luhn-valid 13–19 digit
 * number, as [start, end] offsets: a card read out next to an order number or a phone
 * must still be found.
 */
function cardWithin(raw: string): [number, number] | undefined {
  const starts: number[] = [];
  const ends: number[] = [];
  DIGIT_RUN.lastIndex = 0;
  for (let g = next(DIGIT_RUN, raw); g; g = next(DIGIT_RUN, raw)) {
    starts.push(g.index);
    ends.push(g.index + g[0].length);
  }

  let best: [number, number] | undefined;
  let bestLength = 0;
  for (let i = 0; i < starts.length; i++) {
    let digits = "";
    for (let j = i; j < starts.length; j++) {
      digits += raw.slice(starts[j], ends[j]);
      if (digits.length > 19) break;
      if (digits.length >= 13 && digits.length > bestLength && luhnValid(digits)) {
        best = [starts[i] ?? 0, ends[j] ?? 0];
        bestLength = digits.length;
      }
    }
  }
  return best;
}

/** An expiry and a CVV read out right after a card number belong to it. */
function detectNearCard(text: string, from: number, spans: Span[]): void {
  const window = text.slice(from, from + 48);
  NEAR_EXPIRY.lastIndex = 0;
  const expiry = NEAR_EXPIRY.exec(window);
  if (expiry) push(spans, from + expiry.index, from + expiry.index + expiry[0].length, "EXPIRY");

  NEAR_CVV.lastIndex = 0;
  for (;;) {
    const cvv = NEAR_CVV.exec(window);
    if (!cvv) return;
    const insideExpiry =
      expiry && cvv.index >= expiry.index && cvv.index < expiry.index + expiry[0].length;
    if (insideExpiry) continue;
    push(spans, from + cvv.index, from + cvv.index + cvv[0].length, "CVV");
    return;
  }
}

function detectSsns(text: string, spans: Span[], digits: number): void {
  if (digits >= 9) {
    SSN_DASHED.lastIndex = 0;
    for (let m = next(SSN_DASHED, text); m; m = next(SSN_DASHED, text)) {
      if (ssnPlausible(m[1] ?? "", m[3] ?? "", m[4] ?? "")) {
        push(spans, m.index, m.index + m[0].length, "SSN");
      }
    }
  }
  if (SSN_GATE.test(text)) pushTail(SSN_CUE, text, "SSN", 4, spans);
  if (digits >= 6 && UPPER_DIGIT.test(text)) pushMatches(NINO, text, "SSN", spans);
}

function detectCued(text: string, spans: Span[]): void {
  if (!CUE_GATE.test(text)) return;
  for (const [re, category, minDigits] of CUED) pushTail(re, text, category, minDigits, spans);
  pushTail(BIC_CUE, text, "BANK_ACCOUNT", 0, spans);
}

function detectDates(text: string, spans: Span[]): void {
  if (DOB_GATE.test(text)) pushTail(DOB_CUE, text, "DOB", 1, spans, plausibleDate);
  if (!DATE_GATE.test(text)) return;

  // Nobody books an appointment for a date twelve years ago: a full date that old in a
  // tool call is somebody's birth date, cue or not.
  ANY_DATE.lastIndex = 0;
  for (let m = next(ANY_DATE, text); m; m = next(ANY_DATE, text)) {
    if (!plausibleDate(m[0])) continue;
    const year = yearOf(m[0]);
    if (year >= 1900 && year <= NEWEST_BIRTH_YEAR) {
      push(spans, m.index, m.index + m[0].length, "DOB");
    }
  }
}

/**
 * Whether day and month of a numeric date are in range, in either order ("01.66.48" is a
 * phone number's digits, not a date). Dates with month names pass.
 */
function plausibleDate(date: string): boolean {
  const parts = NUMERIC_DATE.exec(date);
  if (!parts) return true;
  const [, a, b, c] = parts;
  const [first, second] = a && a.length === 4 ? [Number(b), Number(c)] : [Number(a), Number(b)];
  const dayMonth = first >= 1 && first <= 31 && second >= 1 && second <= 12;
  const monthDay = first >= 1 && first <= 12 && second >= 1 && second <= 31;
  return dayMonth || monthDay;
}

function yearOf(date: string): number {
  const iso = /^(\d{4})[-/.]/.exec(date);
  if (iso) return Number(iso[1]);
  const tail = /(\d{2,4})$/.exec(date);
  if (!tail?.[1]) return 0;
  const year = Number(tail[1]);
  if (tail[1].length === 4) return year;
  return year <= THIS_YEAR % 100 ? 2000 + year : 1900 + year;
}

function detectIps(text: string, spans: Span[]): void {
  IPV4.lastIndex = 0;
  for (let m = next(IPV4, text); m; m = next(IPV4, text)) {
    // "firmware 10.2.0.14", "v1.2.3.4": a version, not an address.
    if (VERSION_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    push(spans, m.index, m.index + m[0].length, "IP");
  }
  if (text.indexOf(":") === text.lastIndexOf(":")) return;
  IPV6_CANDIDATE.lastIndex = 0;
  for (let m = next(IPV6_CANDIDATE, text); m; m = next(IPV6_CANDIDATE, text)) {
    const candidate = m[0].replace(/\.+$/, "");
    if (isIP(candidate) === 6) push(spans, m.index, m.index + candidate.length, "IP");
  }
}

function detectPhones(text: string, spans: Span[], mode: ScanMode): void {
  PHONE_CANDIDATE.lastIndex = 0;
  for (let m = next(PHONE_CANDIDATE, text); m; m = next(PHONE_CANDIDATE, text)) {
    const candidate = m[0].trimStart();
    const start = m.index + (m[0].length - candidate.length);
    if (DATE_SHAPE.test(candidate)) continue;
    if (ID_CUE_BEFORE.test(text.slice(Math.max(0, start - 28), start))) continue;

    const cued = PHONE_CUE_BEFORE.test(text.slice(Math.max(0, start - 32), start));
    if (isPhone(candidate, cued, mode)) {
      push(spans, start, start + candidate.length, "PHONE");
      continue;
    }
    phoneWithin(candidate, start, cued, mode, spans);
  }
}

/**
 * A candidate that is not a phone as a whole may hold one between other numbers ("2 x
 * 020 7946 0958"): tries runs of whole digit groups, longest first.
 */
function phoneWithin(
  candidate: string,
  offset: number,
  cued: boolean,
  mode: ScanMode,
  spans: Span[],
): void {
  const starts: number[] = [];
  const ends: number[] = [];
  PHONE_GROUP.lastIndex = 0;
  for (let g = next(PHONE_GROUP, candidate); g; g = next(PHONE_GROUP, candidate)) {
    starts.push(g.index);
    ends.push(g.index + g[0].length);
  }
  if (starts.length < 3) return;

  for (let size = starts.length - 1; size >= 2; size--) {
    for (let i = 0; i + size <= starts.length; i++) {
      const from = starts[i] ?? 0;
      const to = ends[i + size - 1] ?? 0;
      // Format alone decides here: validating every sub-run against every region is
      // what would make a long run of numbers slow.
      if (isPhone(candidate.slice(from, to), cued, mode, false)) {
        push(spans, offset + from, offset + to, "PHONE");
        return;
      }
    }
  }
}

/**
 * Whether a run of digits and separators is a phone number. Formatting is strong
 * evidence and costs nothing to check; libphonenumber's validation (about 10 µs per
 * region) is kept for unformatted runs, where an id and a phone look alike.
 */
function isPhone(candidate: string, cued: boolean, mode: ScanMode, validate = true): boolean {
  const digits = digitsOf(candidate);
  const n = digits.length;
  if (candidate.startsWith("+") || candidate.startsWith("00")) {
    const significant = candidate.startsWith("00") ? n - 2 : n;
    return significant >= 7 && significant <= 15;
  }
  if (n < 7 || n > 15) return false;

  const formatted = PHONE_SEPARATORS.test(candidate);
  if (formatted && n >= 10) return true;
  if (mode === "strict") return false;
  if (NANP.test(candidate)) return true;
  if (formatted && US_LOCAL.test(candidate)) return true;
  if (cued) return true;
  if (!validate) return false;
  if (n >= 12) return isValidPhoneNumber(`+${digits}`);
  if (n <= 9 && !formatted) return false;
  for (const region of PHONE_REGIONS) {
    if (isValidPhoneNumber(digits, region)) return true;
  }
  return false;
}

function detectAddresses(text: string, spans: Span[]): void {
  if (STREET_GATE.test(text)) pushMatches(STREET, text, "ADDRESS", spans);
  if (ADDRESS_CUE_GATE.test(text)) pushTail(CUED_STREET, text, "ADDRESS", 1, spans);
  if (GERMANIC_GATE.test(text)) pushMatches(STREET_GERMANIC, text, "ADDRESS", spans);
  if (FR_GATE.test(text)) pushMatches(STREET_FR, text, "ADDRESS", spans);
  if (SOUTH_GATE.test(text)) pushMatches(STREET_SOUTH, text, "ADDRESS", spans);
}

function detectPostcodes(text: string, spans: Span[], digits: number): void {
  if (UPPER_DIGIT.test(text)) {
    pushMatches(UK_POSTCODE, text, "POSTCODE", spans);
    pushMatches(EIRCODE, text, "POSTCODE", spans);
  }
  if (POSTCODE_GATE.test(text)) pushTail(POSTCODE_CUE, text, "POSTCODE", 1, spans);
  if (digits < 4) return;

  if (STATE_ZIP_GATE.test(text)) pushTail(US_STATE_ZIP, text, "POSTCODE", 0, spans);
  if (!FOUR_DIGITS.test(text)) return;
  EU_POSTCODE_CITY.lastIndex = 0;
  for (let m = next(EU_POSTCODE_CITY, text); m; m = next(EU_POSTCODE_CITY, text)) {
    const code = m[1] ?? "";
    // "2019 Honda Civic": a four-digit year before a capitalized word is not a postcode.
    if (code.length === 4 && YEARISH.test(code)) continue;
    const start = m.index + m[0].indexOf(code);
    push(spans, start, start + code.length, "POSTCODE");
  }
  NL_POSTCODE.lastIndex = 0;
  for (let m = next(NL_POSTCODE, text); m; m = next(NL_POSTCODE, text)) {
    if (NOT_NL_LETTERS.has(m[1] ?? "") || YEARISH.test(m[0].slice(0, 4))) continue;
    push(spans, m.index, m.index + m[0].length, "POSTCODE");
  }
}

/** End of a person's name starting at `from`: up to `maxWords` name words. */
function nameEnd(text: string, from: number, maxWords: number): number {
  let end = from;
  NAME_TOKEN.lastIndex = from;
  for (let words = 0; words < maxWords; words++) {
    const m = NAME_TOKEN.exec(text);
    if (!m?.[1]) break;
    const word = m[1];
    const lower = word.toLowerCase().replace(/['’]s$/, "");
    if (NOT_NAME.has(lower)) break;
    if (!NAME_PARTICLES.has(lower) && !INITIAL.test(word)) end = m.index + m[0].length;
  }
  return end;
}

/** True for capitalized words that are never a person's name ("Friday", "Street"). */
export function isNotName(word: string): boolean {
  return NOT_NAME.has(word.toLowerCase());
}

function isListedName(word: string): boolean {
  let lower = word.toLowerCase().replace(/['’]s$/, "");
  if (FIRST_NAMES.has(lower) || SURNAME_WORDS.has(lower)) return true;
  if (!NON_ASCII.test(lower)) return false;
  // The list is written without accents: "José" and "Müller" are "jose" and "muller".
  lower = lower.normalize("NFD").replace(COMBINING, "");
  return FIRST_NAMES.has(lower) || SURNAME_WORDS.has(lower);
}

function detectNames(text: string, spans: Span[], mode: ScanMode): void {
  if (!HAS_UPPER.test(text)) {
    detectLowercaseNames(text, spans);
    return;
  }
  STRONG_NAME_CUE.lastIndex = 0;
  for (let m = next(STRONG_NAME_CUE, text); m; m = next(STRONG_NAME_CUE, text)) {
    const from = m.index + m[0].length;
    if (!STARTS_UPPER.test(text.slice(from, from + 1))) continue;
    pushName(text, from, nameEnd(text, from, 4), spans);
  }
  detectLowercaseNames(text, spans);
  if (mode === "thing") return;

  NAME_BEFORE_VERB.lastIndex = 0;
  for (let m = next(NAME_BEFORE_VERB, text); m; m = next(NAME_BEFORE_VERB, text)) {
    const name = m[1] ?? "";
    if (name.split(" ").some((word) => NOT_NAME.has(word.toLowerCase()))) continue;
    pushName(text, m.index, m.index + name.length, spans);
  }
  let previous: RegExpExecArray | undefined;
  CAP_WORD.lastIndex = 0;
  for (let m = next(CAP_WORD, text); m; m = next(CAP_WORD, text)) {
    if (mode === "search" && !NOT_NAME.has(m[0].toLowerCase())) {
      pushName(text, m.index, m.index + m[0].length, spans);
    } else if (isListedName(m[0])) {
      // "Giorgio Ferrari", "Lavinia van Dijk": a listed name takes the capitalized word
      // just before it, across name particles.
      const gap = previous ? text.slice(previous.index + previous[0].length, m.index) : "";
      const joined = previous && PARTICLE_GAP.test(gap) && !NOT_NAME.has(previous[0].toLowerCase());
      const start = joined && previous ? previous.index : m.index;
      pushName(text, start, nameEnd(text, m.index, 4), spans);
    }
    previous = m;
  }
}

/**
 * Pushes a name, and a postcode typed right after it: a customer search for "Anna Weber
 * 10115" gives the name and where they live.
 */
function pushName(text: string, start: number, end: number, spans: Span[]): void {
  if (end <= start) return;
  push(spans, start, end, "NAME");
  CODE_AFTER_NAME.lastIndex = end;
  const code = CODE_AFTER_NAME.exec(text);
  if (code?.[1]) {
    const at = code.index + code[0].length - code[1].length;
    push(spans, at, at + code[1].length, "POSTCODE");
  }
}

/** "my name is john smith", "this is kwame calling", as speech-to-text writes them. */
function detectLowercaseNames(text: string, spans: Span[]): void {
  if (CALLING_GATE.test(text)) {
    SELF_INTRODUCTION.lastIndex = 0;
    for (let m = next(SELF_INTRODUCTION, text); m; m = next(SELF_INTRODUCTION, text)) {
      const name = m[1] ?? "";
      if (name.split(/\s+/).some((word) => NOT_NAME.has(word.toLowerCase()))) continue;
      const start = m.index + m[0].indexOf(name, m[0].search(/\s/));
      push(spans, start, start + name.length, "NAME");
    }
  }
  if (!NAME_GATE.test(text)) return;
  LOWER_NAME_CUE.lastIndex = 0;
  for (let m = next(LOWER_NAME_CUE, text); m; m = next(LOWER_NAME_CUE, text)) {
    const first = m[1] ?? "";
    if (NOT_NAME.has(first.toLowerCase())) continue;
    const second = m[3];
    const end = m.index + m[0].length;
    const secondIsName = second !== undefined && !NOT_NAME.has(second.toLowerCase());
    const firstEnd = second === undefined ? end : end - second.length - (m[2]?.length ?? 0);
    push(spans, firstEnd - first.length, secondIsName ? end : firstEnd, "NAME");
  }
}

/** Sorted, merged spans; where two overlap, the earlier detector's category stands. */
function merge(spans: Span[]): Span[] {
  if (spans.length < 2) return spans;
  const ranked = spans.map((span, rank) => ({ span, rank }));
  ranked.sort((a, b) => a.span.start - b.span.start || a.rank - b.rank);
  const out: Span[] = [];
  let currentRank = 0;
  for (const { span, rank } of ranked) {
    const last = out[out.length - 1];
    if (last && span.start < last.end) {
      if (span.end > last.end) last.end = span.end;
      if (rank < currentRank) {
        last.category = span.category;
        currentRank = rank;
      }
      continue;
    }
    out.push({ ...span });
    currentRank = rank;
  }
  return out;
}

function detectKnown(text: string, spans: Span[], known: readonly KnownValue[]): void {
  const lower = text.toLowerCase();
  for (const { term, category } of known) {
    let from = lower.indexOf(term);
    while (from !== -1) {
      const end = from + term.length;
      const whole = !isWordChar(lower, from - 1) && !isWordChar(lower, end);
      if (whole) push(spans, from, end, category);
      from = lower.indexOf(term, end);
    }
  }
}

function isWordChar(text: string, at: number): boolean {
  if (at < 0 || at >= text.length) return false;
  return WORD_CHAR.test(text[at] ?? "");
}

/** The PII spans of `text`, merged and in order. */
export function findPii(text: string, mode: ScanMode, known?: readonly KnownValue[]): Span[] {
  const spans: Span[] = [];
  if (text.length < 2) return spans;

  const digits = countDigits(text);
  detectEmails(text, spans);
  if (digits >= 12) {
    detectIbans(text, spans);
    detectCards(text, spans);
  }
  if (digits >= 4) detectSsns(text, spans, digits);
  if (mode !== "strict" && digits >= 1) {
    // Cued values first: "NHS number 943 476 5919" is a health id before it is a phone.
    if (digits >= 3) detectCued(text, spans);
    detectDates(text, spans);
    if (digits >= 4) detectIps(text, spans);
  }
  if (digits >= 7) detectPhones(text, spans, mode);
  if (mode === "strict") {
    if (known && known.length > 0) detectKnown(text, spans, known);
    return merge(spans);
  }

  if (digits >= 1) {
    detectAddresses(text, spans);
    detectPostcodes(text, spans, digits);
  }
  detectNames(text, spans, mode);
  // Last, so that a detector's more specific category stands where both found a value.
  if (known && known.length > 0) detectKnown(text, spans, known);
  return merge(spans);
}

/**
 * `text` with every PII span replaced by its placeholder. `onFinding` hears each one.
 * Returns the same string when nothing was found.
 */
export function redactString(
  text: string,
  mode: ScanMode,
  onFinding?: OnFinding,
  known?: readonly KnownValue[],
): string {
  const spans = findPii(text, mode, known);
  if (spans.length === 0) return text;

  let out = "";
  let at = 0;
  for (const span of spans) {
    out += `${text.slice(at, span.start)}[${span.category}]`;
    at = span.end;
    onFinding?.(span.category);
  }
  return out + text.slice(at);
}
