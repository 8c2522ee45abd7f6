import type { PiiCategory } from "../../src/redaction/index.ts";

/**
 * A labelled corpus of tool-call arguments, generated from seeded templates and value
 * pools: the same seed gives the same corpus on every machine. Every PII value placed in
 * an entry is labelled with its category; values an operator must still see (times,
 * quantities, products, services, order numbers, amounts) are labelled as kept.
 *
 * The pools deliberately reach past the redactor's bundled name list (about a quarter of
 * names are not in it), mix formats per locale, and put look-alikes next to PII: order
 * numbers as long as phones, appointment dates next to birth dates, "Main Street Cafe"
 * next to a street address.
 */

/** One PII value placed in an entry. */
export interface PiiLabel {
  path: string;
  value: string | number;
  category: PiiCategory;
}

/** A non-PII value that must survive redaction, with the kind of thing it is. */
export interface KeepLabel {
  kind: KeepKind;
  value: string | number | boolean;
  /** Set for a whole structured value; absent for a fragment of free text. */
  path?: string;
}

export type KeepKind =
  | "TIME"
  | "DATE"
  | "QUANTITY"
  | "AMOUNT"
  | "PRODUCT"
  | "SERVICE"
  | "SKU"
  | "ORDER_ID"
  | "BUSINESS"
  | "FLAG"
  | "WORDING";

export type Locale = "US" | "UK" | "IE" | "DE" | "FR" | "ES" | "IT" | "NL";

export interface CorpusEntry {
  id: number;
  tool: "book_appointment" | "send_sms" | "process_order" | "fill_form" | "lookup_customer";
  locale: Locale;
  args: Record<string, unknown>;
  pii: PiiLabel[];
  keep: KeepLabel[];
}

/** mulberry32: small, fast, and the same everywhere. */
function rngFrom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Gen {
  readonly rand: () => number;

  constructor(seed: number) {
    this.rand = rngFrom(seed);
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.rand() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.rand() * items.length)];
    if (item === undefined) throw new Error("pick from an empty pool");
    return item;
  }

  chance(p: number): boolean {
    return this.rand() < p;
  }

  digits(n: number): string {
    let out = "";
    for (let i = 0; i < n; i++) out += String(this.int(0, 9));
    return out;
  }

  letters(n: number): string {
    let out = "";
    for (let i = 0; i < n; i++) out += String.fromCharCode(65 + this.int(0, 25));
    return out;
  }
}

// ---- Pools ----------------------------------------------------------------------------

const FIRST: Record<Locale, readonly string[]> = {
  US: [
    "James",
    "Emily",
    "Michael",
    "Jessica",
    "Tyler",
    "Ashley",
    "Brandon",
    "Megan",
    "Kayla",
    "Justin",
  ],
  UK: [
    "Oliver",
    "Amelia",
    "Harry",
    "Isla",
    "George",
    "Charlotte",
    "Alfie",
    "Freya",
    "Jack",
    "Poppy",
  ],
  IE: [
    "Niamh",
    "Sean",
    "Aoife",
    "Ciara",
    "Declan",
    "Siobhán",
    "Cillian",
    "Orla",
    "Eoin",
    "Caoimhe",
  ],
  DE: [
    "Lukas",
    "Anna",
    "Jonas",
    "Leonie",
    "Felix",
    "Hannah",
    "Maximilian",
    "Sophie",
    "Jürgen",
    "Katrin",
  ],
  FR: [
    "Camille",
    "Léa",
    "Hugo",
    "Manon",
    "Julien",
    "Chloé",
    "Mathilde",
    "Théo",
    "Élodie",
    "Antoine",
  ],
  ES: [
    "Lucía",
    "Javier",
    "Carmen",
    "Álvaro",
    "Sofía",
    "Sergio",
    "Marta",
    "Alejandro",
    "Pilar",
    "Iñigo",
  ],
  IT: [
    "Giulia",
    "Matteo",
    "Francesca",
    "Lorenzo",
    "Chiara",
    "Alessandro",
    "Martina",
    "Davide",
    "Sara",
    "Giorgio",
  ],
  NL: ["Daan", "Sanne", "Bram", "Fleur", "Sem", "Lotte", "Thijs", "Eva", "Joost", "Anouk"],
};

const LAST: Record<Locale, readonly string[]> = {
  US: [
    "Johnson",
    "Williams",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Anderson",
    "Thompson",
    "Nguyen",
  ],
  UK: [
    "Smith",
    "Jones",
    "Taylor",
    "Davies",
    "Evans",
    "Wilson",
    "Roberts",
    "Wright",
    "Hughes",
    "Edwards",
  ],
  IE: [
    "Murphy",
    "Kelly",
    "O'Sullivan",
    "Walsh",
    "O'Brien",
    "Byrne",
    "Ryan",
    "O'Connor",
    "McCarthy",
    "Doyle",
  ],
  DE: [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Hoffmann",
    "Schäfer",
  ],
  FR: [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
  ],
  ES: [
    "García",
    "Fernández",
    "González",
    "Rodríguez",
    "López",
    "Martínez",
    "Sánchez",
    "Pérez",
    "Gómez",
    "Navarro",
  ],
  IT: [
    "Rossi",
    "Russo",
    "Ferrari",
    "Esposito",
    "Bianchi",
    "Romano",
    "Colombo",
    "Ricci",
    "Marino",
    "Greco",
  ],
  NL: [
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Janssen",
    "Visser",
    "Smit",
    "Meijer",
  ],
};

/** Names the redactor's bundled list does not have: found only by key or cue. */
const RARE_FIRST = [
  "Thaddeus",
  "Xiomara",
  "Oluwaseun",
  "Bartholomew",
  "Ingeborg",
  "Radomir",
  "Eulalia",
  "Ottilie",
  "Kasimir",
  "Wojciech",
  "Tadhg",
  "Saoirse",
  "Zebedee",
  "Fenella",
  "Anselm",
  "Dagny",
  "Evander",
  "Lavinia",
  "Quirin",
  "Seraphina",
];
const RARE_LAST = [
  "Okonkwo",
  "Featherstonehaugh",
  "Wojcik",
  "Brzezinski",
  "Vanterpool",
  "Quinlivan",
  "Achterberg",
  "Papadopoulos",
  "Castellanos",
  "Pemberton",
  "Abernathy",
  "Lindqvist",
  "Okafor",
  "Szczepanski",
  "Hallorann",
];

const EMAIL_DOMAINS: Record<Locale, readonly string[]> = {
  US: ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "comcast.net"],
  UK: ["gmail.com", "btinternet.com", "yahoo.co.uk", "hotmail.co.uk", "sky.com"],
  IE: ["gmail.com", "eircom.net", "hotmail.com", "outlook.ie"],
  DE: ["web.de", "gmx.de", "t-online.de", "gmail.com", "posteo.de"],
  FR: ["orange.fr", "free.fr", "laposte.net", "gmail.com", "sfr.fr"],
  ES: ["gmail.com", "hotmail.es", "telefonica.net", "yahoo.es"],
  IT: ["libero.it", "gmail.com", "virgilio.it", "tiscali.it"],
  NL: ["ziggo.nl", "kpnmail.nl", "gmail.com", "xs4all.nl"],
};

const STREETS: Record<Locale, readonly string[]> = {
  US: [
    "Oak Avenue",
    "Maple Dr",
    "W 23rd St",
    "Elm Street",
    "Sunset Blvd",
    "Pine Ridge Rd",
    "Lakeview Court",
    "N Washington Ave",
    "Cedar Lane",
    "Highland Pkwy",
  ],
  UK: [
    "Baker Street",
    "Acacia Road",
    "Church Lane",
    "Victoria Road",
    "Kings Crescent",
    "Mill Lane",
    "Station Road",
    "Park Terrace",
    "Queens Gardens",
    "Albert Mews",
  ],
  IE: [
    "O'Connell Street",
    "Grafton Street",
    "Dorset Street",
    "Strand Road",
    "Main Street",
    "Patrick Street",
  ],
  DE: [
    "Hauptstraße",
    "Bahnhofstr.",
    "Lindenallee",
    "Gartenweg",
    "Schillerstraße",
    "Marktplatz",
    "Goethestraße",
    "Am Rosengarten Weg",
  ],
  FR: [
    "rue de la Paix",
    "avenue Victor Hugo",
    "boulevard Saint-Michel",
    "rue du Faubourg Saint-Honoré",
    "place de la République",
    "rue Lepic",
  ],
  ES: [
    "Calle Mayor",
    "Avenida de la Constitución",
    "Calle de Alcalá",
    "Paseo de Gracia",
    "Calle Serrano",
    "Plaza Nueva",
  ],
  IT: [
    "Via Roma",
    "Via Garibaldi",
    "Corso Italia",
    "Piazza Navona",
    "Via dei Mille",
    "Viale Mazzini",
  ],
  NL: ["Kerkstraat", "Prinsengracht", "Dorpsstraat", "Stationsweg", "Herengracht", "Molenlaan"],
};

const CITIES: Record<Locale, readonly [string, string][]> = {
  US: [
    ["Springfield", "IL"],
    ["Austin", "TX"],
    ["Portland", "OR"],
    ["Columbus", "OH"],
    ["Denver", "CO"],
  ],
  UK: [
    ["London", ""],
    ["Manchester", ""],
    ["Leeds", ""],
    ["Bristol", ""],
    ["Glasgow", ""],
  ],
  IE: [
    ["Dublin", ""],
    ["Cork", ""],
    ["Galway", ""],
  ],
  DE: [
    ["Berlin", ""],
    ["München", ""],
    ["Hamburg", ""],
    ["Köln", ""],
  ],
  FR: [
    ["Paris", ""],
    ["Lyon", ""],
    ["Marseille", ""],
    ["Toulouse", ""],
  ],
  ES: [
    ["Madrid", ""],
    ["Barcelona", ""],
    ["Sevilla", ""],
    ["Valencia", ""],
  ],
  IT: [
    ["Roma", ""],
    ["Milano", ""],
    ["Torino", ""],
    ["Bologna", ""],
  ],
  NL: [
    ["Amsterdam", ""],
    ["Utrecht", ""],
    ["Rotterdam", ""],
    ["Den Haag", ""],
  ],
};

const SERVICES = [
  "Deep Tissue Massage",
  "Balayage",
  "Men's Haircut",
  "Root Canal Consultation",
  "Teeth Cleaning",
  "Oil Change",
  "Annual Physical",
  "Gel Manicure",
  "Eyebrow Threading",
  "Tyre Rotation",
  "Physiotherapy Assessment",
  "Flu Vaccination",
  "Puppy Grooming",
  "Colour and Blow Dry",
];

const BUSINESSES = [
  "Main Street Cafe",
  "Bright Smile Dental",
  "Riverside Physio",
  "Friday Harbor Spa",
  "Oak Avenue Auto",
  "Victoria Road Surgery",
  "Sunset Nails",
  "Park Lane Pizzeria",
];

const PRODUCTS: readonly [string, string, number][] = [
  ["Large Pepperoni Pizza", "PZ-1042", 18.5],
  ["Margherita", "PZ-1001", 12.0],
  ["Caesar Salad", "SL-2203", 9.75],
  ["Oat Milk Latte", "LAT-OAT-12", 4.6],
  ["Garlic Knots", "SD-0415", 5.25],
  ["Victoria Sponge", "CK-7710", 6.5],
  ["Pad Thai", "TH-3302", 13.9],
  ["Veggie Burger", "BG-5521", 11.0],
  ["Chicken Tikka Masala", "IN-8830", 14.5],
  ["Florentine Pastry", "PS-1209", 3.8],
  ["Tiramisu", "DS-6606", 7.0],
  ["Sparkling Water 500ml", "BV-0050", 2.5],
];

const TIMES = [
  "09:00",
  "10:30",
  "11:15",
  "14:30",
  "16:45",
  "7:30pm",
  "10am",
  "12:00",
  "18:15",
  "3:45 PM",
];
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

// ---- Value makers ---------------------------------------------------------------------

function luhnComplete(prefix: string, length: number, g: Gen): string {
  let body = prefix + g.digits(length - prefix.length - 1);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  body += String((10 - (sum % 10)) % 10);
  return body;
}

function luhnOk(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function cardDigits(g: Gen): string {
  const network = g.int(0, 4);
  if (network === 0) return luhnComplete("4", 16, g);
  if (network === 1) return luhnComplete(String(g.int(51, 55)), 16, g);
  if (network === 2) return luhnComplete(g.pick(["34", "37"]), 15, g);
  if (network === 3) return luhnComplete("6011", 16, g);
  return luhnComplete(String(g.int(2221, 2720)), 16, g);
}

function formatCard(digits: string, g: Gen): string {
  const style = g.int(0, 2);
  if (style === 0) return digits;
  const sep = style === 1 ? " " : "-";
  if (digits.length === 15)
    return [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10)].join(sep);
  return digits.match(/.{4}/g)?.join(sep) ?? digits;
}

function phone(locale: Locale, g: Gen): string {
  const d = (n: number) => g.digits(n);
  switch (locale) {
    case "US": {
      const area = g.pick([
        "212",
        "415",
        "312",
        "617",
        "713",
        "305",
        "206",
        "512",
        "303",
        "404",
        "646",
        "818",
      ]);
      const ex = `${g.int(2, 9)}${d(2)}`;
      const line = d(4);
      return g.pick([
        `(${area}) ${ex}-${line}`,
        `${area}-${ex}-${line}`,
        `${area}.${ex}.${line}`,
        `+1 ${area} ${ex} ${line}`,
        `+1${area}${ex}${line}`,
        `${area}${ex}${line}`,
        `1-${area}-${ex}-${line}`,
      ]);
    }
    case "UK": {
      const mobile = `7${g.pick(["5", "7", "8", "9"])}${g.int(1, 9)}${d(7)}`;
      const london = `20 7${d(3)} ${d(4)}`;
      return g.pick([
        `0${mobile.slice(0, 4)} ${mobile.slice(4)}`,
        `+44 ${mobile.slice(0, 4)} ${mobile.slice(4)}`,
        `+44${mobile}`,
        `0${mobile}`,
        `0${london}`,
        `+44 ${london}`,
        `0161 ${g.int(2, 9)}${d(2)} ${d(4)}`,
      ]);
    }
    case "IE":
      return g.pick([
        `08${g.int(3, 9)} ${d(3)} ${d(4)}`,
        `+353 8${g.int(3, 9)} ${d(3)} ${d(4)}`,
        `01 ${g.int(2, 9)}${d(2)} ${d(4)}`,
      ]);
    case "DE":
      return g.pick([
        `030 ${g.int(2, 9)}${d(7)}`,
        `+49 30 ${g.int(2, 9)}${d(7)}`,
        `015${g.int(1, 2)} ${d(8)}`,
        `+49 17${g.int(0, 9)} ${d(7)}`,
        `017${g.int(0, 9)}/${d(7)}`,
        `089 ${g.int(2, 9)}${d(3)} ${d(3)}`,
      ]);
    case "FR": {
      const pairs = () => `${d(2)} ${d(2)} ${d(2)} ${d(2)}`;
      const mobile = `${g.pick(["6", "7"])}`;
      return g.pick([
        `0${mobile} ${pairs()}`,
        `+33 ${mobile} ${pairs()}`,
        `01.${d(2)}.${d(2)}.${d(2)}.${d(2)}`,
        `0${mobile}${d(8)}`,
      ]);
    }
    case "ES":
      return g.pick([
        `6${d(2)} ${d(3)} ${d(3)}`,
        `+34 6${d(2)} ${d(3)} ${d(3)}`,
        `91 ${d(3)} ${d(2)} ${d(2)}`,
        `+34 91${d(7)}`,
      ]);
    case "IT":
      return g.pick([
        `3${g.int(2, 9)}${d(1)} ${d(3)} ${d(4)}`,
        `+39 3${g.int(2, 9)}${d(1)} ${d(7)}`,
        `06 ${d(4)} ${d(4)}`,
        `+39 06 ${d(8)}`,
      ]);
    case "NL":
      return g.pick([
        `06-${g.int(1, 6)}${d(7)}`,
        `+31 6 ${g.int(1, 6)}${d(7)}`,
        `020 ${g.int(2, 9)}${d(6)}`,
        `+31 20 ${g.int(2, 9)}${d(6)}`,
      ]);
  }
}

function personName(locale: Locale, g: Gen): { first: string; last: string; full: string } {
  const first = g.chance(0.25) ? g.pick(RARE_FIRST) : g.pick(FIRST[locale]);
  const last = g.chance(0.25) ? g.pick(RARE_LAST) : g.pick(LAST[locale]);
  return { first, last, full: `${first} ${last}` };
}

function emailOf(name: { first: string; last: string }, locale: Locale, g: Gen): string {
  const clean = (s: string) =>
    s
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^A-Za-z]/g, "")
      .toLowerCase();
  const local = g.pick([
    `${clean(name.first)}.${clean(name.last)}`,
    `${clean(name.first)}${g.int(1, 99)}`,
    `${clean(name.first)[0]}${clean(name.last)}`,
    `${clean(name.last)}_${clean(name.first)}`,
  ]);
  return `${local}@${g.pick(EMAIL_DOMAINS[locale])}`;
}

function dob(g: Gen, locale: Locale): string {
  const y = g.int(1941, 2006);
  const m = g.int(1, 12);
  const day = g.int(1, 28);
  const p = (n: number) => String(n).padStart(2, "0");
  const forms = [
    `${y}-${p(m)}-${p(day)}`,
    locale === "US" ? `${p(m)}/${p(day)}/${y}` : `${p(day)}/${p(m)}/${y}`,
    `${p(day)}.${p(m)}.${y}`,
    `${MONTHS[m - 1]} ${day}, ${y}`,
    `${day} ${MONTHS[m - 1]} ${y}`,
  ];
  return g.pick(forms);
}

function appointmentDate(g: Gen): string {
  const m = g.int(1, 12);
  const day = g.int(1, 28);
  const p = (n: number) => String(n).padStart(2, "0");
  return g.pick([
    `2026-${p(m)}-${p(day)}`,
    `${p(day)}/${p(m)}/2026`,
    `${MONTHS[m - 1]} ${day}`,
    `${g.pick(DAYS)} ${day} ${MONTHS[m - 1]}`,
  ]);
}

function streetAddress(locale: Locale, g: Gen): string {
  const street = g.pick(STREETS[locale]);
  const n = g.int(1, 240);
  switch (locale) {
    case "US":
      return g.chance(0.3)
        ? `${g.int(100, 9999)} ${street}, Apt ${g.int(1, 20)}${g.pick(["A", "B", ""])}`
        : `${g.int(100, 9999)} ${street}`;
    case "UK":
      return g.chance(0.3)
        ? `Flat ${g.int(1, 12)}, ${n} ${street}`
        : `${n}${g.pick(["", "", "B"])} ${street}`;
    case "IE":
      return `${n} ${street}`;
    case "DE":
    case "NL":
      return `${street} ${n}${g.pick(["", "", "a"])}`;
    case "FR":
      return `${n}${g.pick(["", "", " bis"])} ${street}`;
    case "ES":
    case "IT":
      return `${street} ${n}`;
  }
}

function postcode(locale: Locale, g: Gen): string {
  switch (locale) {
    case "US":
      return g.chance(0.2) ? `${g.digits(5)}-${g.digits(4)}` : `${g.int(10, 99)}${g.digits(3)}`;
    case "UK": {
      const area = g.pick(["SW", "NW", "E", "M", "LS", "BS", "G", "EC", "N"]);
      const district =
        area === "EC" || area === "SW"
          ? `${g.int(1, 9)}${g.pick(["A", "V", ""])}`
          : String(g.int(1, 20));
      return `${area}${district} ${g.int(0, 9)}${g.pick(["A", "B", "D", "E", "F", "G", "H", "J", "L", "N", "P", "Q", "R", "S", "T", "U", "W", "X", "Y", "Z"])}${g.pick(["A", "B", "D", "E", "F", "G", "H", "J", "L", "N", "P", "R", "S", "T", "W", "X", "Y"])}`;
    }
    case "IE":
      return `D${String(g.int(1, 24)).padStart(2, "0")} ${g.pick(["X", "Y", "K", "F", "W"])}${g.digits(3)}`;
    case "DE":
    case "FR":
    case "ES":
      return `${g.int(10, 98)}${g.digits(3)}`;
    case "IT":
      return `00${g.int(100, 199)}`;
    case "NL":
      return `${g.int(1000, 9999)} ${g.pick(["AB", "GV", "KL", "RT", "CZ", "HP"])}`;
  }
}

function ibanFor(locale: Locale, g: Gen): string {
  const country = locale === "UK" ? "GB" : locale === "US" ? "DE" : locale;
  const bban =
    country === "GB" || country === "IE"
      ? `${g.letters(4)}${g.digits(14)}`
      : country === "NL"
        ? `${g.letters(4)}${g.digits(10)}`
        : country === "FR"
          ? `${g.digits(20)}${g.digits(3)}`
          : country === "IT"
            ? `${g.letters(1)}${g.digits(22)}`
            : country === "ES"
              ? g.digits(20)
              : g.digits(18);
  const numeric = `${bban}${country}00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rem = 0;
  for (const ch of numeric) rem = (rem * 10 + Number(ch)) % 97;
  const check = String(98 - rem).padStart(2, "0");
  const iban = `${country}${check}${bban}`;
  return g.chance(0.5) ? (iban.match(/.{1,4}/g)?.join(" ") ?? iban) : iban;
}

function ssn(g: Gen): { digits: string; dashed: string } {
  const area = String(g.int(1, 899)).padStart(3, "0");
  const safeArea = area === "666" ? "667" : area;
  const group = String(g.int(1, 99)).padStart(2, "0");
  const serial = String(g.int(1, 9999)).padStart(4, "0");
  return { digits: `${safeArea}${group}${serial}`, dashed: `${safeArea}-${group}-${serial}` };
}

function routingNumber(g: Gen): string {
  for (;;) {
    const body = g.digits(8);
    const w = [3, 7, 1, 3, 7, 1, 3, 7];
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += Number(body[i]) * (w[i] ?? 0);
    const check = (10 - (sum % 10)) % 10;
    const full = `${body}${check}`;
    if (full[0] !== "0" || full[1] !== "0") return full;
  }
}

function passport(locale: Locale, g: Gen): string {
  if (locale === "US" || locale === "UK" || locale === "IE")
    return g.chance(0.5) ? g.digits(9) : `${g.letters(1)}${g.digits(8)}`;
  if (locale === "DE")
    return `C${g.letters(1)}${g.digits(2)}${g.letters(1)}${g.digits(2)}${g.letters(1)}${g.digits(1)}`;
  if (locale === "FR") return `${g.digits(2)}${g.letters(2)}${g.digits(5)}`;
  return `${g.letters(3)}${g.digits(6)}`;
}

function driverLicense(locale: Locale, g: Gen): string {
  if (locale === "US")
    return g.pick([
      `${g.letters(1)}${g.digits(7)}`,
      `${g.digits(3)}-${g.digits(3)}-${g.digits(3)}`,
      `${g.letters(1)}${g.digits(3)}-${g.digits(4)}-${g.digits(4)}`,
    ]);
  if (locale === "UK")
    return `${g.letters(5)}${g.digits(6)}${g.letters(2)}${g.digits(1)}${g.letters(2)}`;
  return `${g.letters(1)}${g.digits(3)}${g.letters(3)}${g.digits(4)}`;
}

function healthId(locale: Locale, g: Gen): string {
  if (locale === "UK") return `${g.digits(3)} ${g.digits(3)} ${g.digits(4)}`;
  if (locale === "DE") return `${g.letters(1)}${g.digits(9)}`;
  return g.pick([
    `${g.letters(1)}${g.digits(9)}`,
    `${g.letters(3)}${g.digits(9)}`,
    `MRN-${g.digits(8)}`,
    `${g.digits(1)}${g.letters(2)}${g.digits(1)}-${g.letters(2)}${g.digits(1)}-${g.letters(2)}${g.digits(2)}`,
  ]);
}

function ipAddress(g: Gen): string {
  if (g.chance(0.25))
    return `2001:db8:${g.int(1, 65535).toString(16)}::${g.int(1, 65535).toString(16)}`;
  return `${g.int(11, 223)}.${g.int(0, 255)}.${g.int(0, 255)}.${g.int(1, 254)}`;
}

function orderId(g: Gen): string {
  return g.pick([
    `ORD-2026-${g.digits(6)}`,
    `#${g.digits(8)}`,
    `A${g.digits(5)}`,
    `${g.letters(3)}-${g.digits(4)}`,
  ]);
}

function money(locale: Locale, amount: number): string {
  const fixed = amount.toFixed(2);
  if (locale === "US") return `$${fixed}`;
  if (locale === "UK") return `£${fixed}`;
  return `€${fixed.replace(".", ",")}`;
}

// ---- Entry builders -------------------------------------------------------------------

class Entry {
  readonly pii: PiiLabel[] = [];
  readonly keep: KeepLabel[] = [];

  p<T extends string | number>(category: PiiCategory, value: T, path: string): T {
    this.pii.push({ category, value, path });
    return value;
  }

  k<T extends string | number | boolean>(kind: KeepKind, value: T, path?: string): T {
    this.keep.push(path === undefined ? { kind, value } : { kind, value, path });
    return value;
  }
}

type Builder = (g: Gen, locale: Locale, e: Entry) => Record<string, unknown>;

const bookAppointment: Builder[] = [
  (g, locale, e) => {
    const name = personName(locale, g);
    const service = e.k("SERVICE", g.pick(SERVICES), "service");
    const time = e.k("TIME", g.pick(TIMES), "time");
    const date = e.k("DATE", appointmentDate(g), "date");
    const args: Record<string, unknown> = {
      customer: {
        name: e.p("NAME", name.full, "customer.name"),
        phone: e.p("PHONE", phone(locale, g), "customer.phone"),
      },
      service,
      date,
      time,
      durationMinutes: e.k("QUANTITY", g.pick([30, 45, 60, 90]), "durationMinutes"),
    };
    if (g.chance(0.5)) {
      (args.customer as Record<string, unknown>).email = e.p(
        "EMAIL",
        emailOf(name, locale, g),
        "customer.email",
      );
    }
    if (g.chance(0.6)) {
      const cb = phone(locale, g);
      args.notes = `First visit. ${e.k("WORDING", "Prefers a quiet room")}, call back on ${e.p("PHONE", cb, "notes")} if running late.`;
    }
    return args;
  },
  (g, locale, e) => {
    const name = personName(locale, g);
    const start = e.k(
      "DATE",
      `2026-0${g.int(1, 9)}-1${g.int(0, 9)}T${g.pick(["09", "10", "14", "16"])}:${g.pick(["00", "30"])}:00`,
      "startTime",
    );
    return {
      callerFirstName: e.p("NAME", name.first, "callerFirstName"),
      callerLastName: e.p("NAME", name.last, "callerLastName"),
      callerPhone: e.p("PHONE", phone(locale, g), "callerPhone"),
      serviceType: e.k("SERVICE", g.pick(SERVICES), "serviceType"),
      startTime: start,
      partySize: e.k("QUANTITY", g.int(1, 8), "partySize"),
      newCustomer: e.k("FLAG", g.chance(0.5), "newCustomer"),
      notes: `${e.p("NAME", name.first, "notes")} mentioned it is for ${e.k("WORDING", "a birthday")}. Booked via ${e.k("BUSINESS", g.pick(BUSINESSES))}.`,
    };
  },
  (g, locale, e) => {
    const name = personName(locale, g);
    const born = dob(g, locale);
    const insurer = e.k(
      "BUSINESS",
      g.pick([
        "Aetna",
        "Blue Cross Blue Shield",
        "UnitedHealthcare",
        "Cigna",
        "AOK",
        "Bupa",
        "VHI",
      ]),
      "patient.insurance.provider",
    );
    return {
      patient: {
        fullName: e.p("NAME", name.full, "patient.fullName"),
        dateOfBirth: e.p("DOB", born, "patient.dateOfBirth"),
        phone: e.p("PHONE", phone(locale, g), "patient.phone"),
        insurance: {
          provider: insurer,
          memberId: e.p("HEALTH_ID", healthId(locale, g), "patient.insurance.memberId"),
          groupNumber: e.p("HEALTH_ID", `GRP${g.digits(6)}`, "patient.insurance.groupNumber"),
        },
      },
      appointmentType: e.k(
        "SERVICE",
        g.pick([
          "New patient consultation",
          "Follow-up visit",
          "Annual Physical",
          "Flu Vaccination",
        ]),
        "appointmentType",
      ),
      preferredDate: e.k("DATE", appointmentDate(g), "preferredDate"),
      preferredTime: e.k("TIME", g.pick(TIMES), "preferredTime"),
      reason: `${e.k("WORDING", "Persistent lower back pain")} for two weeks; patient DOB ${e.p("DOB", born, "reason")} confirmed on the call.`,
    };
  },
  (g, locale, e) => {
    const name = personName(locale, g);
    const mrn = `${g.digits(8)}`;
    return {
      patientName: e.p("NAME", name.full, "patientName"),
      mrn: e.p("HEALTH_ID", mrn, "mrn"),
      provider: e.k("BUSINESS", "Riverside Physio", "provider"),
      slot: {
        date: e.k("DATE", appointmentDate(g), "slot.date"),
        time: e.k("TIME", g.pick(TIMES), "slot.time"),
      },
      notes: `Returning patient, MRN ${e.p("HEALTH_ID", mrn, "notes")}. Needs ${e.k("SERVICE", "Physiotherapy Assessment")} at ${e.k("TIME", "11:15")}.`,
    };
  },
  (g, locale, e) => {
    const name = personName(locale, g);
    const title = g.pick(["Mr", "Ms", "Mrs", "Dr"]);
    return {
      reservation: {
        guestName: e.p("NAME", name.full, "reservation.guestName"),
        contact: e.p("PHONE", phone(locale, g), "reservation.contact"),
        covers: e.k("QUANTITY", g.int(2, 10), "reservation.covers"),
        date: e.k("DATE", appointmentDate(g), "reservation.date"),
        time: e.k("TIME", g.pick(TIMES), "reservation.time"),
        table: e.k("WORDING", g.pick(["window", "terrace", "booth"]), "reservation.table"),
      },
      specialRequests: `Table for ${title}. ${e.p("NAME", name.last, "specialRequests")}, ${e.k("WORDING", "celebrating an anniversary")}, one guest is ${e.k("WORDING", "gluten free")}.`,
    };
  },
  (g, locale, e) => {
    const name = personName(locale, g);
    const vehicle = e.k(
      "PRODUCT",
      g.pick(["2019 Honda Civic", "2021 VW Golf", "2017 Ford Focus", "2022 Toyota RAV4"]),
      "vehicle",
    );
    return {
      name: e.p("NAME", name.full, "name"),
      mobile: e.p("PHONE", phone(locale, g), "mobile"),
      vehicle,
      registration: g.chance(0.5)
        ? e.k("WORDING", "private plate", "registration")
        : e.k("WORDING", "unknown", "registration"),
      service: e.k(
        "SERVICE",
        g.pick(["Oil Change", "Tyre Rotation", "MOT test", "Brake inspection"]),
        "service",
      ),
      dropOff: e.k("TIME", g.pick(TIMES), "dropOff"),
      notes: `Customer lives at ${e.p("ADDRESS", streetAddress(locale, g), "notes")}, can collect the car on ${e.k("DATE", g.pick(DAYS))}.`,
    };
  },
  (g, locale, e) => {
    // Speech-to-text style: lowercase, run-on, numbers as the caller said them.
    const name = personName(locale, g);
    const first = name.first.toLowerCase();
    const last = name.last.toLowerCase();
    const tel = phone(locale, g);
    return {
      summary: `caller said my name is ${e.p("NAME", `${first} ${last}`, "summary")}, wants ${e.k("SERVICE", "teeth cleaning")} ${e.k("DATE", "next tuesday")} around ${e.k("TIME", "3pm")}, best number ${e.p("PHONE", tel, "summary")} ext. ${e.k("QUANTITY", "22")}`,
      staff: "Dr. Patel's team",
      callerSaid: `i live at ${e.p("ADDRESS", `${g.int(2, 980)} ${g.pick(["maple drive", "church lane", "oak avenue", "victoria road", "high st"])}`, "callerSaid")}, ${e.k("WORDING", "second floor")}`,
      room: e.k("WORDING", `Room ${g.int(100, 420)}`, "room"),
      durationMinutes: e.k("QUANTITY", 45, "durationMinutes"),
    };
  },
];

const sendSms: Builder[] = [
  (g, locale, e) => {
    const name = personName(locale, g);
    const time = e.k("TIME", g.pick(TIMES));
    const biz = e.k("BUSINESS", g.pick(BUSINESSES));
    return {
      to: e.p("PHONE", phone(locale, g), "to"),
      body: `Hi ${e.p("NAME", name.first, "body")}, your appointment at ${biz} is confirmed for ${e.k("DATE", g.pick(DAYS))} at ${time}. Reply C to cancel.`,
    };
  },
  (g, locale, e) => {
    const name = personName(locale, g);
    const id = e.k("ORDER_ID", orderId(g));
    return {
      phoneNumber: e.p("PHONE", phone(locale, g), "phoneNumber"),
      message: `Hello ${e.p("NAME", name.full, "message")}! Order ${id} is ready for pickup. Total ${e.k("AMOUNT", money(locale, g.int(8, 90) + 0.5))}.`,
      templateId: e.k("SKU", `tmpl_order_ready_v${g.int(1, 4)}`, "templateId"),
    };
  },
  (g, locale, e) => {
    const name = personName(locale, g);
    const addr = streetAddress(locale, g);
    return {
      recipient: e.p("PHONE", phone(locale, g), "recipient"),
      text: `Dear ${e.p("NAME", name.first, "text")}, your delivery to ${e.p("ADDRESS", addr, "text")} arrives between ${e.k("TIME", "18:15")} and 19:00. ${e.k("WORDING", "Thanks for ordering")}!`,
    };
  },
  (g, locale, e) => {
    const name = personName(locale, g);
    const mail = emailOf(name, locale, g);
    return {
      to: e.p("PHONE", phone(locale, g), "to"),
      body: `Thanks ${e.p("NAME", name.first, "body")}. We've sent the invoice to ${e.p("EMAIL", mail, "body")}. Your ${e.k("SERVICE", g.pick(SERVICES))} is booked for ${e.k("TIME", g.pick(TIMES))}.`,
      channel: e.k("WORDING", g.pick(["sms", "whatsapp"]), "channel"),
    };
  },
  (g, locale, e) => {
    const name = personName(locale, g);
    const callee = phone(locale, g);
    return {
      to: e.p("PHONE", phone(locale, g), "to"),
      body: `Message from ${e.p("NAME", name.full, "body")}: please call back on ${e.p("PHONE", callee, "body")} about the quote for ${e.k("SERVICE", g.pick(SERVICES))}.`,
    };
  },
  (g, locale, e) => {
    const name = personName(locale, g);
    return {
      to: e.p("PHONE", phone(locale, g), "to"),
      // A name with no cue before it: only the bundled list can find it.
      body: `${e.p("NAME", name.first, "body")} will bring the paperwork on ${e.k("DATE", g.pick(DAYS))}. ${e.k("WORDING", "Parking is behind the building")}.`,
    };
  },
  (g, locale, e) => {
    const name = personName(locale, g);
    const tracking = `1Z${g.letters(3)}${g.digits(13)}`;
    const doubleBarrel = `${name.first} ${name.last}-${g.pick(RARE_LAST)}`;
    return {
      to: e.p("PHONE", phone(locale, g), "to"),
      body: `Dear ${e.p("NAME", doubleBarrel, "body")}, parcel ${e.k("ORDER_ID", tracking)} left our depot at ${e.k("TIME", "06:40")}. Firmware ${e.k("WORDING", `${g.int(2, 9)}.${g.int(0, 9)}.${g.int(0, 9)}`)} is on the router. ${e.k("WORDING", "Code SUMMER25")} saves ${e.k("AMOUNT", "15%")}.`,
    };
  },
];

const processOrder: Builder[] = [
  (g, locale, e) => {
    const name = personName(locale, g);
    const [product, sku, price] = g.pick(PRODUCTS);
    const [product2, sku2, price2] = g.pick(PRODUCTS);
    const qty = g.int(1, 4);
    const city = g.pick(CITIES[locale]);
    return {
      customer: {
        firstName: e.p("NAME", name.first, "customer.firstName"),
        lastName: e.p("NAME", name.last, "customer.lastName"),
        phone: e.p("PHONE", phone(locale, g), "customer.phone"),
      },
      items: [
        {
          name: e.k("PRODUCT", product, "items[0].name"),
          sku: e.k("SKU", sku, "items[0].sku"),
          quantity: e.k("QUANTITY", qty, "items[0].quantity"),
          unitPrice: e.k("AMOUNT", price, "items[0].unitPrice"),
        },
        {
          name: e.k("PRODUCT", product2, "items[1].name"),
          sku: e.k("SKU", sku2, "items[1].sku"),
          quantity: 1,
          unitPrice: price2,
          modifiers: [e.k("WORDING", "extra cheese", "items[1].modifiers[0]")],
        },
      ],
      delivery: {
        address: {
          line1: e.p("ADDRESS", streetAddress(locale, g), "delivery.address.line1"),
          city: city[0],
          postcode: e.p("POSTCODE", postcode(locale, g), "delivery.address.postcode"),
        },
        instructions: `${e.k("WORDING", "Ring the bell twice")}, leave with the neighbour if nobody answers.`,
      },
      orderType: e.k("WORDING", "delivery", "orderType"),
      total: e.k("AMOUNT", Math.round((price * qty + price2) * 100) / 100, "total"),
    };
  },
  (g, locale, e) => {
    const name = personName(locale, g);
    const card = cardDigits(g);
    const [product, sku] = g.pick(PRODUCTS);
    const asNumber = g.chance(0.2);
    return {
      orderId: e.k("ORDER_ID", orderId(g), "orderId"),
      items: [
        {
          product: e.k("PRODUCT", product, "items[0].product"),
          sku: e.k("SKU", sku, "items[0].sku"),
          qty: e.k("QUANTITY", g.int(1, 6), "items[0].qty"),
        },
      ],
      payment: {
        method: e.k("WORDING", "card", "payment.method"),
        cardNumber: asNumber
          ? e.p("CARD", Number(card), "payment.cardNumber")
          : e.p("CARD", formatCard(card, g), "payment.cardNumber"),
        expiry: e.p(
          "EXPIRY",
          `${String(g.int(1, 12)).padStart(2, "0")}/${g.int(27, 31)}`,
          "payment.expiry",
        ),
        cvv: e.p("CVV", g.digits(3), "payment.cvv"),
        cardholderName: e.p("NAME", name.full, "payment.cardholderName"),
        billingZip: e.p("POSTCODE", postcode(locale, g), "payment.billingZip"),
      },
      pickupTime: e.k("TIME", g.pick(TIMES), "pickupTime"),
    };
  },
  (g, locale, e) => {
    const name = personName(locale, g);
    const card = cardDigits(g);
    const exp = `${String(g.int(1, 12)).padStart(2, "0")}/${g.int(27, 31)}`;
    const cvv = g.digits(g.chance(0.2) ? 4 : 3);
    const [product] = g.pick(PRODUCTS);
    const qty = g.int(2, 5);
    return {
      items: [
        {
          name: e.k("PRODUCT", product, "items[0].name"),
          quantity: e.k("QUANTITY", qty, "items[0].quantity"),
        },
      ],
      notes: `Caller ${e.p("NAME", name.full, "notes")} paid by card ${e.p("CARD", formatCard(card, g), "notes")} exp ${e.p("EXPIRY", exp, "notes")} cvv ${e.p("CVV", cvv, "notes")}; wants ${e.k("QUANTITY", `${qty} x ${product}`)} at ${e.k("TIME", g.pick(TIMES))}.`,
    };
  },
  (g, locale, e) => {
    const name = personName(locale, g);
    const card = cardDigits(g);
    const exp = `${String(g.int(1, 12)).padStart(2, "0")}/${g.int(27, 31)}`;
    const cvv = g.digits(3);
    return {
      order: {
        reference: e.k("ORDER_ID", `ORD-2026-${g.digits(6)}`, "order.reference"),
        total: e.k("AMOUNT", money(locale, g.int(20, 200) + 0.99), "order.total"),
      },
      // Card details read out in one breath, as a transcript has them.
      transcriptExcerpt: `yes the card is ${e.p("CARD", formatCard(card, g), "transcriptExcerpt")} ${e.p("EXPIRY", exp, "transcriptExcerpt")} ${e.p("CVV", cvv, "transcriptExcerpt")} and the name is ${e.p("NAME", name.full, "transcriptExcerpt")}`,
    };
  },
  (g, locale, e) => {
    const name = personName(locale, g);
    const [product, sku, price] = g.pick(PRODUCTS);
    const city = g.pick(CITIES[locale]);
    const street = streetAddress(locale, g);
    const code = postcode(locale, g);
    const full =
      locale === "US"
        ? `${street}, ${city[0]}, ${city[1]} ${code}`
        : locale === "UK" || locale === "IE"
          ? `${street}, ${city[0]} ${code}`
          : `${street}, ${code} ${city[0]}`;
    e.p("ADDRESS", street, "deliveryAddress");
    e.p("POSTCODE", code, "deliveryAddress");
    return {
      customerName: e.p("NAME", name.full, "customerName"),
      customerEmail: e.p("EMAIL", emailOf(name, locale, g), "customerEmail"),
      deliveryAddress: full,
      lineItems: [
        {
          sku: e.k("SKU", sku, "lineItems[0].sku"),
          title: e.k("PRODUCT", product, "lineItems[0].title"),
          price: e.k("AMOUNT", price, "lineItems[0].price"),
          quantity: e.k("QUANTITY", 1, "lineItems[0].quantity"),
        },
      ],
      requestedTime: e.k("TIME", g.pick(TIMES), "requestedTime"),
      orderNumber: e.k("ORDER_ID", g.digits(9).replace(/^0/, "1"), "orderNumber"),
    };
  },
  (g, locale, e) => {
    const name = personName(locale, g);
    const [product, sku] = g.pick(PRODUCTS);
    return {
      customer: {
        name: e.p("NAME", name.full, "customer.name"),
        phone: e.p("PHONE", phone(locale, g), "customer.phone"),
      },
      items: [
        {
          name: e.k("PRODUCT", product, "items[0].name"),
          sku: e.k("SKU", sku, "items[0].sku"),
          quantity: e.k("QUANTITY", g.int(1, 3), "items[0].quantity"),
        },
      ],
      notes: `Ref ${e.k("ORDER_ID", `#${g.digits(8)}`)}. ${e.k("WORDING", "Ask for extra napkins")}. Pay at ${e.k("BUSINESS", g.pick(BUSINESSES))}.`,
      giftMessage: `Happy birthday ${e.p("NAME", name.first, "giftMessage")}, love from ${e.k("WORDING", "all of us")}`,
    };
  },
  (g, locale, e) => {
    const name = personName(locale, g);
    return {
      customer: {
        fullName: e.p("NAME", name.full, "customer.fullName"),
        contactEmail: e.p("EMAIL", emailOf(name, locale, g).toUpperCase(), "customer.contactEmail"),
      },
      items: [
        {
          name: e.k("PRODUCT", "Jack Daniel's Glazed Ribs", "items[0].name"),
          quantity: e.k("QUANTITY", 2, "items[0].quantity"),
        },
        { name: e.k("PRODUCT", "Grace's Garden Salad", "items[1].name"), quantity: 1 },
      ],
      notes: `${e.k("WORDING", "Table 12")}, ${e.k("QUANTITY", "1200 calories")} max per dish, ${e.k("WORDING", "no nuts")}. Loyalty balance ${e.k("AMOUNT", "12,500 points")}. Deliver ${e.k("TIME", "9:00-17:00")} to the ${e.k("BUSINESS", "Main Street Cafe")} counter.`,
      orderNumber: e.k("ORDER_ID", Number(`10${g.digits(8)}`), "orderNumber"),
    };
  },
];

const fillForm: Builder[] = [
  (g, locale, e) => {
    const name = personName(locale, g);
    return {
      formId: e.k("SKU", "patient-intake-v3", "formId"),
      fields: [
        { label: "Full name", value: e.p("NAME", name.full, "fields[0].value") },
        { label: "Date of birth", value: e.p("DOB", dob(g, locale), "fields[1].value") },
        {
          label: "Best number to reach you",
          value: e.p("PHONE", phone(locale, g), "fields[2].value"),
        },
        { label: "Email", value: e.p("EMAIL", emailOf(name, locale, g), "fields[3].value") },
        {
          label: "Insurance member ID",
          value: e.p("HEALTH_ID", healthId(locale, g), "fields[4].value"),
        },
        {
          label: "Reason for visit",
          value: e.k(
            "WORDING",
            g.pick(["Sore throat and fever", "Knee pain after running", "Repeat prescription"]),
            "fields[5].value",
          ),
        },
        {
          label: "Preferred appointment date",
          value: e.k("DATE", appointmentDate(g), "fields[6].value"),
        },
        { label: "Smoker", value: e.k("FLAG", g.chance(0.3), "fields[7].value") },
      ],
    };
  },
  (g, locale, e) => {
    const name = personName(locale, g);
    const s = ssn(g);
    const form: Record<string, unknown> = {
      formName: e.k("SERVICE", "Rental application", "formName"),
      answers: {
        "Legal name": e.p("NAME", name.full, "answers.Legal name"),
        "Date of birth": e.p("DOB", dob(g, locale), "answers.Date of birth"),
        "Current address": e.p("ADDRESS", streetAddress(locale, g), "answers.Current address"),
        "Monthly income": e.k("AMOUNT", money(locale, g.int(2000, 9000)), "answers.Monthly income"),
        "Move-in date": e.k("DATE", appointmentDate(g), "answers.Move-in date"),
        Pets: e.k("WORDING", g.pick(["one cat", "none", "a small dog"]), "answers.Pets"),
      },
    };
    const answers = form.answers as Record<string, unknown>;
    if (locale === "US") {
      answers["Social Security Number"] = e.p(
        "SSN",
        g.chance(0.5) ? s.dashed : s.digits,
        "answers.Social Security Number",
      );
      answers["Driver's license number"] = e.p(
        "DRIVER_LICENSE",
        driverLicense(locale, g),
        "answers.Driver's license number",
      );
    } else {
      answers["Passport number"] = e.p("PASSPORT", passport(locale, g), "answers.Passport number");
      answers.IBAN = e.p("IBAN", ibanFor(locale, g), "answers.IBAN");
    }
    return form;
  },
  (g, locale, e) => {
    const name = personName(locale, g);
    const s = ssn(g);
    const routing = routingNumber(g);
    const account = g.digits(g.int(8, 12));
    const useDashed = g.chance(0.5);
    return {
      form: e.k("SERVICE", "Direct deposit enrollment", "form"),
      employee: {
        firstName: e.p("NAME", name.first, "employee.firstName"),
        lastName: e.p("NAME", name.last, "employee.lastName"),
      },
      ssn: e.p("SSN", useDashed ? s.dashed : s.digits, "ssn"),
      bank: {
        routingNumber: e.p("BANK_ACCOUNT", routing, "bank.routingNumber"),
        accountNumber: e.p("BANK_ACCOUNT", account, "bank.accountNumber"),
        accountType: e.k("WORDING", "checking", "bank.accountType"),
      },
      startDate: e.k("DATE", appointmentDate(g), "startDate"),
      comments: `Caller read SSN ${e.p("SSN", s.dashed, "comments")} twice to confirm; routing ${e.p("BANK_ACCOUNT", routing, "comments")}, account number ${e.p("BANK_ACCOUNT", account, "comments")}.`,
    };
  },
  (g, locale, e) => {
    const name = personName(locale, g);
    const pass = passport(locale, g);
    const dl = driverLicense(locale, g);
    return {
      formId: e.k("SKU", "car-hire-checkin", "formId"),
      data: {
        driver: {
          name: e.p("NAME", name.full, "data.driver.name"),
          licenceNumber: e.p("DRIVER_LICENSE", dl, "data.driver.licenceNumber"),
        },
        passportNumber: e.p("PASSPORT", pass, "data.passportNumber"),
        pickup: {
          date: e.k("DATE", appointmentDate(g), "data.pickup.date"),
          time: e.k("TIME", g.pick(TIMES), "data.pickup.time"),
        },
        vehicleClass: e.k("PRODUCT", g.pick(["Compact", "SUV", "Estate"]), "data.vehicleClass"),
        extras: [
          e.k("PRODUCT", "Child seat", "data.extras[0]"),
          e.k("PRODUCT", "GPS", "data.extras[1]"),
        ],
      },
      notes: `Checked passport no. ${e.p("PASSPORT", pass, "notes")} and driver's license ${e.p("DRIVER_LICENSE", dl, "notes")} over the phone.`,
    };
  },
  (g, locale, e) => {
    const name = personName(locale, g);
    const iban = ibanFor(locale, g);
    const addr = streetAddress(locale, g);
    const code = postcode(locale, g);
    return {
      formId: e.k("SKU", "sepa-mandate", "formId"),
      fields: [
        { name: "account_holder", value: e.p("NAME", name.full, "fields[0].value") },
        { name: "iban", value: e.p("IBAN", iban, "fields[1].value") },
        { name: "street", value: e.p("ADDRESS", addr, "fields[2].value") },
        { name: "postcode", value: e.p("POSTCODE", code, "fields[3].value") },
        {
          name: "plan",
          value: e.k("PRODUCT", g.pick(["Premium monthly", "Basic annual"]), "fields[4].value"),
        },
        { name: "amount", value: e.k("AMOUNT", g.int(10, 99), "fields[5].value") },
      ],
      summary: `Mandate for ${e.p("NAME", name.full, "summary")}, IBAN ${e.p("IBAN", iban, "summary")}, starts ${e.k("DATE", appointmentDate(g))}.`,
    };
  },
  (g, locale, e) => {
    const name = personName(locale, g);
    const nhs = healthId("UK", g);
    const born = dob(g, locale);
    return {
      formId: e.k("SKU", "gp-registration", "formId"),
      responses: {
        patient_name: e.p("NAME", name.full, "responses.patient_name"),
        nhs_number: e.p("HEALTH_ID", nhs, "responses.nhs_number"),
        dob: e.p("DOB", born, "responses.dob"),
        gp_practice: e.k("BUSINESS", "Victoria Road Surgery", "responses.gp_practice"),
        allergies: e.k(
          "WORDING",
          g.pick(["penicillin", "none known", "latex"]),
          "responses.allergies",
        ),
      },
      free_text: `Patient ${e.p("NAME", name.full, "free_text")} (born ${e.p("DOB", born, "free_text")}) gave NHS number ${e.p("HEALTH_ID", nhs, "free_text")}; wants a ${e.k("SERVICE", "Flu Vaccination")} on ${e.k("DATE", g.pick(DAYS))}.`,
    };
  },
  (g, locale, e) => {
    const name = personName(locale, g);
    const born = dob(g, locale);
    return {
      formId: e.k("SKU", "pharmacy-refill", "formId"),
      fields: [
        { label: "Patient", value: e.p("NAME", name.full, "fields[0].value") },
        { label: "Birthday", value: e.p("DOB", born, "fields[1].value") },
        { label: "Medication", value: e.k("PRODUCT", "Amoxicillin 500 mg", "fields[2].value") },
        { label: "Dosage", value: e.k("QUANTITY", "2x daily for 7 days", "fields[3].value") },
        { label: "Pickup date", value: e.k("DATE", appointmentDate(g), "fields[4].value") },
      ],
      pharmacistNote: `Spoke with ${e.p("NAME", name.first, "pharmacistNote")}; confirmed date of birth ${e.p("DOB", born, "pharmacistNote")} and ${e.k("WORDING", "no known allergies")}.`,
    };
  },
];

const lookupCustomer: Builder[] = [
  (g, locale, e) => ({
    phone: e.p("PHONE", phone(locale, g), "phone"),
    includeHistory: e.k("FLAG", true, "includeHistory"),
  }),
  (g, locale, e) => {
    const name = personName(locale, g);
    return {
      email: e.p("EMAIL", emailOf(name, locale, g), "email"),
      limit: e.k("QUANTITY", 5, "limit"),
    };
  },
  (g, locale, e) => {
    const name = personName(locale, g);
    return {
      query: `${e.p("NAME", name.full, "query")} ${e.p("POSTCODE", postcode(locale, g), "query")}`,
      searchBy: e.k("WORDING", "name_and_postcode", "searchBy"),
    };
  },
  (g, locale, e) => {
    const name = personName(locale, g);
    return {
      lastName: e.p("NAME", name.last, "lastName"),
      dob: e.p("DOB", dob(g, locale), "dob"),
      zip: e.p("POSTCODE", postcode(locale, g), "zip"),
      customerId: e.k("ORDER_ID", `cus_${g.digits(6)}`, "customerId"),
    };
  },
  (g, _locale, e) => {
    const ip = ipAddress(g);
    return {
      sessionIp: e.p("IP", ip, "sessionIp"),
      accountNumber: e.p("BANK_ACCOUNT", g.digits(10), "accountNumber"),
      reason: `Caller says the router shows ${e.p("IP", ipAddress(g), "reason")}; ${e.k("WORDING", "internet drops every evening")} since ${e.k("DATE", g.pick(DAYS))}.`,
    };
  },
  (g, locale, e) => {
    const name = personName(locale, g);
    const caller = phone(locale, g);
    return {
      callerId: e.p("PHONE", caller, "callerId"),
      query: `my name is ${e.p("NAME", name.first.toLowerCase(), "query")} and my number is ${e.p("PHONE", phone(locale, g), "query")}`,
      maxResults: e.k("QUANTITY", 3, "maxResults"),
    };
  },
  (g, locale, e) => {
    const name = personName(locale, g);
    const first = name.first
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();
    const last = name.last.replace(/[^A-Za-z]/g, "").toLowerCase();
    const domain = g.pick(EMAIL_DOMAINS[locale]).replace(/\./g, " dot ");
    return {
      transcript: `it's ${e.p("EMAIL", `${first} dot ${last} at ${domain}`, "transcript")} and I ordered ${e.k("PRODUCT", g.pick(PRODUCTS)[0])} last ${e.k("DATE", g.pick(DAYS))}`,
    };
  },
  (g, locale, e) => {
    const name = personName(locale, g);
    const card = cardDigits(g);
    const last4 = card.slice(-4);
    return {
      lastName: e.p("NAME", name.last, "lastName"),
      cardLast4: e.k("WORDING", last4, "cardLast4"),
      phoneType: e.k("WORDING", "mobile", "phoneType"),
      emailVerified: e.k("FLAG", true, "emailVerified"),
      context: `Caller ${e.p("NAME", name.full, "context")} (${e.p("EMAIL", emailOf(name, locale, g), "context")}) asked about invoice ${e.k("ORDER_ID", `INV-${g.digits(5)}`)} from ${e.k("DATE", "14/11/2026")}.`,
    };
  },
];

const TOOLS: readonly [CorpusEntry["tool"], Builder[], number][] = [
  ["book_appointment", bookAppointment, 150],
  ["send_sms", sendSms, 110],
  ["process_order", processOrder, 130],
  ["fill_form", fillForm, 120],
  ["lookup_customer", lookupCustomer, 110],
];

const LOCALES: readonly Locale[] = ["US", "US", "UK", "UK", "IE", "DE", "FR", "ES", "IT", "NL"];

/** The labelled corpus: 620 entries, identical for the same seed. */
export function buildCorpus(seed = 20260514): CorpusEntry[] {
  const g = new Gen(seed);
  const entries: CorpusEntry[] = [];
  for (const [tool, builders, count] of TOOLS) {
    for (let i = 0; i < count; i++) {
      const locale = g.pick(LOCALES);
      const builder = builders[i % builders.length];
      if (!builder) continue;
      const e = new Entry();
      const args = builder(g, locale, e);
      entries.push({ id: entries.length, tool, locale, args, pii: e.pii, keep: e.keep });
    }
  }
  return entries;
}

/** Exported for the unit tests' card cases. */
export const testing = {
  luhnComplete: (prefix: string, length: number, seed: number) =>
    luhnComplete(prefix, length, new Gen(seed)),
  luhnOk,
};
