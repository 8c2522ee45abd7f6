import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/log/index.ts";

function capture() {
  const lines: string[] = [];
  const logger = createLogger({
    level: "debug",
    destination: { write: (line) => lines.push(line) },
  });
  return { logger, lines };
}

describe("the structured logger redacts caller PII", () => {
  it("TC2: a tool call's raw values never reach a log line, in free text, under unknown keys or as raw arguments", () => {
    const { logger, lines } = capture();
    const raw = {
      phone: "+44 7911 123456",
      card: "4242 4242 4242 4242",
      email: "ottilie.okonkwo@example.org",
      name: "Ottilie Okonkwo",
      dob: "1979-04-02",
    };

    logger.info(
      {
        event: "tool.invoked",
        toolName: "process_order",
        note: `Caller ${raw.name} paid with ${raw.card}, call back on ${raw.phone} or ${raw.email}`,
        extra: { whatever: raw.phone, nested: [raw.email, `born ${raw.dob}`] },
        customerName: raw.name,
        arguments: raw,
        context: { rawArguments: raw },
      },
      "tool invoked",
    );
    logger.warn({ event: "tool.failed", err: new Error(`could not text ${raw.phone}`) });

    const logged = lines.join("");
    expect(lines).toHaveLength(2);
    for (const value of [...Object.values(raw), "Okonkwo", "4242424242424242", "7911"]) {
      expect(logged).not.toContain(value);
    }
  });

  it("keeps the fields that are ours and the values that are not PII", () => {
    const { logger, lines } = capture();
    logger.info(
      {
        event: "tool.invoked",
        requestId: "req-0042",
        orgId: "0b9c5b8e-2f5d-4f8e-9a51-1b2f3c4d5e6f",
        toolName: "book_appointment",
        service: "Deep Tissue Massage",
        time: "14:30",
        partySize: 4,
        ok: true,
      },
      "tool invoked",
    );
    const line = JSON.parse(lines[0] ?? "{}");
    expect(line).toMatchObject({
      level: "info",
      event: "tool.invoked",
      requestId: "req-0042",
      orgId: "0b9c5b8e-2f5d-4f8e-9a51-1b2f3c4d5e6f",
      toolName: "book_appointment",
      service: "Deep Tissue Massage",
      partySize: 4,
      ok: true,
      msg: "tool invoked",
    });
  });
});
