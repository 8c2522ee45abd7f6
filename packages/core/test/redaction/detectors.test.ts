import { describe, expect, it } from "vitest";
import { ibanValid, luhnValid } from "../../src/redaction/checks.ts";
import { redactText, redactToolArguments } from "../../src/redaction/index.ts";

function categories(args: unknown, fields?: Record<string, never>) {
  return redactToolArguments(args, fields ? { fields } : {}).findings.map((f) => f.category);
}

describe("checksums", () => {
  it("Luhn accepts test card numbers and refuses a changed digit", () => {
    expect(luhnValid("4242424242424242")).toBe(true);
    expect(luhnValid("378282246310005")).toBe(true);
    expect(luhnValid("4242424242424243")).toBe(false);
  });

  it("IBAN mod 97 accepts published examples and refuses a changed digit", () => {
    expect(ibanValid("DE89370400440532013000")).toBe(true);
    expect(ibanValid("GB82WEST12345698765432")).toBe(true);
    expect(ibanValid("NL91ABNA0417164300")).toBe(true);
    expect(ibanValid("DE89370400440532013001")).toBe(false);
  });
});

describe("payment cards", () => {
  it("redacts Luhn-valid cards in any grouping, with the expiry and CVV read after them", () => {
    expect(redactText("card 4242 4242 4242 4242 exp 09/28 cvv 314 thanks")).toBe(
      "card [CARD] exp [EXPIRY] cvv [CVV] thanks",
    );
    expect(redactText("amex 3782-822463-10005, 12/27, 1234")).toBe("amex [CARD], [EXPIRY], [CVV]");
    expect(redactText("paid with 5555555555554444")).toBe("paid with [CARD]");
  });

  it("keeps a Luhn-failing 16-digit number in free text, and redacts it under a card key", () => {
    expect(redactText("voucher 1234 5678 9012 3456 applied")).toBe(
      "voucher 1234 5678 9012 3456 applied",
    );
    expect(redactToolArguments({ cardNumber: "1234 5678 9012 3456" }).redacted).toEqual({
      cardNumber: "[CARD]",
    });
  });

  it("redacts a card given as a JSON number, under any key", () => {
    expect(
      redactToolArguments({ pan: 4242424242424242, extra: 4242424242424242 }).redacted,
    ).toEqual({ pan: "[CARD]", extra: "[CARD]" });
  });

  it("finds a card between other numbers, and not the digits of an IBAN", () => {
    expect(redactText("2 x 4242 4242 4242 4242")).toBe("2 x [CARD]");
    expect(redactText("IBAN DE89 3704 0044 0532 0130 00, starts 2026-12-25")).toBe(
      "IBAN [IBAN], starts 2026-12-25",
    );
  });
});

describe("SSNs and national ids", () => {
  it("redacts a dashed SSN anywhere and a bare one when the context says SSN", () => {
    expect(redactText("ssn is 123-45-6789")).toBe("ssn is [SSN]");
    expect(redactText("applicant 219-09-9999 signed")).toBe("applicant [SSN] signed");
    expect(redactText("social security number 219099999")).toBe("social security number [SSN]");
    expect(redactText("last four of my social 6789")).toBe("last four of my social [SSN]");
  });

  it("keeps dashed numbers no SSN can have", () => {
    expect(redactText("part 000-12-3456 fits")).toBe("part 000-12-3456 fits");
  });

  it("redacts a UK National Insurance number", () => {
    expect(redactText("NI number AB 12 34 56 C")).toBe("NI number [SSN]");
  });
});

describe("phones", () => {
  it("redacts E.164 and national formats of the US, UK and EU", () => {
    for (const phone of [
      "+1 415 555 0134",
      "(415) 555-0134",
      "415.555.0134",
      "+44 20 7946 0958",
      "07911 123456",
      "+49 30 12345678",
      "0171/1234567",
      "06 12 34 56 78",
      "+33 6 12 34 56 78",
      "612 345 678",
      "06-12345678",
    ]) {
      expect(redactText(`call me on ${phone} please`), phone).toBe("call me on [PHONE] please");
    }
  });

  it("keeps order numbers, SKUs, amounts, dates and times", () => {
    for (const text of [
      "order 48213377 is ready",
      "order #1002345678 is ready",
      "SKU PZ-1042-2231 x2",
      "total $1,250.00",
      "on 2026-06-14 at 10:30",
      "on 14.06.2026 at 10.30",
      "between 9:00-17:00",
      "ref ORD-2026-118833",
    ]) {
      expect(redactText(text), text).toBe(text);
    }
  });

  it("keeps an order number under an id key, and redacts a phone under a bare number key", () => {
    expect(redactToolArguments({ orderNumber: "4155550134" }).redacted).toEqual({
      orderNumber: "4155550134",
    });
    expect(redactToolArguments({ number: "4155550134" }).redacted).toEqual({ number: "[PHONE]" });
  });
});

describe("emails, IPs, IBANs and bank accounts", () => {
  it("redacts written and spoken emails", () => {
    expect(redactText("mail ana.lima+vc@example.co.uk.")).toBe("mail [EMAIL].");
    expect(redactText("it's ana dot lima at gmail dot com ok")).toBe("it's [EMAIL] ok");
  });

  it("keeps version numbers that look like IPv4 addresses", () => {
    expect(redactText("firmware 10.2.0.14, v1.2.3.4")).toBe("firmware 10.2.0.14, v1.2.3.4");
  });

  it("redacts IPv4 and IPv6, and keeps times", () => {
    expect(redactText("from 203.0.113.45 and 2001:db8::8a2e:370:7334.")).toBe(
      "from [IP] and [IP].",
    );
    expect(redactText("at 10:30:00")).toBe("at 10:30:00");
  });

  it("redacts IBANs by checksum and bank details by context", () => {
    expect(redactText("pay to GB82 WEST 1234 5698 7654 32 today")).toBe("pay to [IBAN] today");
    expect(redactText("routing 021000021, account number 000123456789")).toBe(
      "routing [BANK_ACCOUNT], account number [BANK_ACCOUNT]",
    );
    expect(redactText("sort code 12-34-56")).toBe("sort code [BANK_ACCOUNT]");
  });
});

describe("dates of birth", () => {
  it("redacts a date near a birth cue, and any full date too old to be an appointment", () => {
    expect(redactText("DOB 03/04/1985")).toBe("DOB [DOB]");
    expect(redactText("born on the 3rd of March 1985")).toBe("born on the [DOB]");
    expect(redactText("geboren am 12.05.1990")).toBe("geboren am [DOB]");
    expect(redactText("patient, 1979-04-02, needs a checkup")).toBe(
      "patient, [DOB], needs a checkup",
    );
  });

  it("redacts a birthday without a year after its cue", () => {
    expect(redactText("DOB: 3rd Feb")).toBe("DOB: [DOB]");
  });

  it("keeps appointment dates and times", () => {
    for (const text of ["see you 2026-06-14 at 14:30", "Friday 14 June at 7:30pm", "14/06/2026"]) {
      expect(redactText(text), text).toBe(text);
    }
    expect(redactToolArguments({ date: "2026-06-14", time: "14:30" }).redacted).toEqual({
      date: "2026-06-14",
      time: "14:30",
    });
  });
});

describe("addresses and postcodes", () => {
  it("redacts US, UK and EU street addresses", () => {
    expect(redactText("deliver to 1600 Pennsylvania Ave NW, Washington, DC 20500")).toBe(
      "deliver to [ADDRESS]",
    );
    expect(redactText("Flat 3, 22 Acacia Road, London")).toBe("[ADDRESS]");
    expect(redactText("Lieferung an Hauptstraße 12, 10115 Berlin")).toBe("Lieferung an [ADDRESS]");
    expect(redactText("au 12 rue de la Paix")).toBe("au [ADDRESS]");
    expect(redactText("en Calle Mayor 5")).toBe("en [ADDRESS]");
  });

  it("redacts UK, Irish, Dutch and contextual US postcodes", () => {
    expect(redactText("postcode SW1A 1AA")).toBe("postcode [POSTCODE]");
    expect(redactText("Eircode D02 X285")).toBe("Eircode [POSTCODE]");
    expect(redactText("1016 GV Amsterdam")).toBe("[POSTCODE] Amsterdam");
    expect(redactText("zip code 62704")).toBe("zip code [POSTCODE]");
  });

  it("redacts a lowercase address and postcode after their cue", () => {
    expect(redactText("i live at 42 maple drive, apt 3b")).toBe("i live at [ADDRESS]");
    expect(redactText("postcode sw1a 1aa")).toBe("postcode [POSTCODE]");
  });

  it("keeps business names that look like streets, and years before product names", () => {
    expect(redactText("Main Street Cafe on Friday")).toBe("Main Street Cafe on Friday");
    expect(redactText("a 2021 VW Golf, 500 MG twice daily")).toBe(
      "a 2021 VW Golf, 500 MG twice daily",
    );
  });
});

describe("names", () => {
  it("redacts names after cues, in speech-to-text lowercase, and from the bundled list", () => {
    expect(redactText("my name is Xiomara Okonkwo")).toBe("my name is [NAME]");
    expect(redactText("my name is léa robert and")).toBe("my name is [NAME] and");
    expect(redactText("Table for Mrs. Brzezinski")).toBe("Table for Mrs. [NAME]");
    expect(redactText("Thanks Oluwaseun.")).toBe("Thanks [NAME].");
    expect(redactText("Message from Giorgio Ferrari today")).toBe("Message from [NAME] today");
    expect(redactText("Tadhg asked for a callback")).toBe("[NAME] asked for a callback");
  });

  it("redacts a lowercase self-introduction and a title's name, not the title", () => {
    expect(redactText("hi this is kwame mensah calling about")).toBe(
      "hi this is [NAME] calling about",
    );
    expect(redactText("spoke to Ms. Nakamura-Baptiste")).toBe("spoke to Ms. [NAME]");
  });

  it("keeps days, months, products and business names", () => {
    for (const text of [
      "Friday at 10, appointment in May",
      "2 Large Pepperoni, 1 Caesar Salad",
      "Bright Smile Dental confirmed",
    ]) {
      expect(redactText(text), text).toBe(text);
    }
    expect(
      redactToolArguments({ items: [{ name: "Jack Daniel's Glazed Ribs" }] }).redacted,
    ).toEqual({ items: [{ name: "Jack Daniel's Glazed Ribs" }] });
  });

  it("finds a name given under one key wherever else the call repeats it", () => {
    const { redacted } = redactToolArguments({
      notes: "Quirin will call back",
      caller: { firstName: "Quirin" },
    });
    expect(redacted).toEqual({ notes: "[NAME] will call back", caller: { firstName: "[NAME]" } });
  });
});

describe("passports, licences, health ids", () => {
  it("redacts them after their cue", () => {
    expect(redactText("passport no. C01X00T47 checked")).toBe("passport no. [PASSPORT] checked");
    expect(redactText("driver's license D1234567")).toBe("driver's license [DRIVER_LICENSE]");
    expect(redactText("member ID XYZ123456789")).toBe("member ID [HEALTH_ID]");
    expect(redactText("MRN 00482913")).toBe("MRN [HEALTH_ID]");
    expect(redactText("NHS number 943 476 5919")).toBe("NHS number [HEALTH_ID]");
  });
});

describe("structured arguments", () => {
  it("redacts by key, case and separator insensitive, keeping structure and non-PII", () => {
    const { redacted, findings } = redactToolArguments({
      Customer_Phone: "0161 496 0018",
      "first-name": "Ann",
      DOB: "1990-01-02",
      partySize: 4,
      confirmed: true,
      note: null,
      items: [{ name: "Margherita", sku: "PZ-1001", qty: 2 }],
      phoneType: "mobile",
    });
    expect(redacted).toEqual({
      Customer_Phone: "[PHONE]",
      "first-name": "[NAME]",
      DOB: "[DOB]",
      partySize: 4,
      confirmed: true,
      note: null,
      items: [{ name: "Margherita", sku: "PZ-1001", qty: 2 }],
      phoneType: "mobile",
    });
    expect(findings).toEqual([
      { category: "PHONE", path: "Customer_Phone" },
      { category: "NAME", path: "first-name" },
      { category: "DOB", path: "DOB" },
    ]);
  });

  it("lets a declared field class win over the key", () => {
    const fields = { "booking.name": "SAFE", "items[].code": "HEALTH_ID" } as const;
    const { redacted } = redactToolArguments(
      { booking: { name: "Spring Gala" }, items: [{ code: "A-1" }, { code: "B-2" }] },
      { fields },
    );
    expect(redacted).toEqual({
      booking: { name: "Spring Gala" },
      items: [{ code: "[HEALTH_ID]" }, { code: "[HEALTH_ID]" }],
    });
  });

  it("classifies a form answer by its label", () => {
    const { redacted } = redactToolArguments({
      fields: [
        { label: "Date of birth", value: "02/01/1990" },
        { name: "phone", value: "555 0134" },
        { label: "Reason for visit", value: "Knee pain" },
      ],
    });
    expect(redacted).toEqual({
      fields: [
        { label: "Date of birth", value: "[DOB]" },
        { name: "phone", value: "[PHONE]" },
        { label: "Reason for visit", value: "Knee pain" },
      ],
    });
  });

  it("redacts a whole address object and a person given as a string", () => {
    expect(
      redactToolArguments({
        address: { line1: "22 Acacia Road", city: "Leeds", postcode: "LS1 4AP" },
        to: "+44 7911 123456",
        recipient: "Ana Lima",
      }).redacted,
    ).toEqual({
      address: { line1: "[ADDRESS]", city: "[ADDRESS]", postcode: "[POSTCODE]" },
      to: "[PHONE]",
      recipient: "[NAME]",
    });
  });

  it("accepts any input shape without throwing", () => {
    expect(redactToolArguments(null).redacted).toBeNull();
    expect(redactToolArguments("call 07911 123456").redacted).toBe("call [PHONE]");
    expect(redactToolArguments([1, "x", true]).redacted).toEqual([1, "x", true]);
    expect(categories({})).toEqual([]);
  });
});
