import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmailMessage } from "../src/email/index.ts";
import { createOutboxMailer } from "../src/email/outbox.ts";
import { createSesMailer } from "../src/email/ses.ts";
import {
  escapeHtml,
  passwordChanged,
  passwordReset,
  signUpAttempt,
  verificationCode,
} from "../src/email/templates.ts";
import { createLogger } from "../src/log/index.ts";
import { VisibleError } from "../src/util/errors.ts";

// No module is mocked: the outbox writes real files, and the SES adapter talks over HTTP
// to a local server that answers like the SES v2 API and checks the SigV4 signature.

const message: EmailMessage = {
  to: "ana@example.com",
  subject: "Your VoiceCraft verification code",
  text: "Your code is 482913.",
  html: "<p>Your code is 482913.</p>",
  tag: "verification_code",
};

/** A logger whose lines the test can read. */
function capturedLogger() {
  const lines: string[] = [];
  const logger = createLogger({
    level: "info",
    destination: { write: (line) => lines.push(line) },
  });
  return { logger, lines };
}

describe("outbox mailer", () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "voicecraft-outbox-"));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps every message, oldest first, and finds the latest per address and tag", async () => {
    const outbox = createOutboxMailer();
    await outbox.send(message);
    await outbox.send({ ...message, text: "Your code is 000111.", tag: "verification_code" });
    await outbox.send({ ...message, subject: "Reset", text: "reset", tag: "password_reset" });
    await outbox.send({ ...message, to: "ben@example.com" });

    expect(outbox.messages().map((sent) => sent.text)).toEqual([
      "Your code is 482913.",
      "Your code is 000111.",
      "reset",
      "Your code is 482913.",
    ]);
    expect(outbox.latest("ANA@example.com")?.tag).toBe("password_reset");
    expect(outbox.latest("ana@example.com", "verification_code")?.text).toBe(
      "Your code is 000111.",
    );
    expect(outbox.latest("nobody@example.com")).toBeUndefined();

    const ids = outbox.messages().map((sent) => sent.id);
    expect(new Set(ids).size).toBe(4);
  });

  it("hands out copies, so a caller cannot change what was sent", async () => {
    const outbox = createOutboxMailer();
    await outbox.send(message);
    const [first] = outbox.messages();
    if (first) first.text = "changed";
    outbox.messages().pop();

    expect(outbox.messages()).toHaveLength(1);
    expect(outbox.messages()[0]?.text).toBe(message.text);
  });

  it("persists each message as a 0600 JSON line and loads them again", async () => {
    const file = join(dir, "nested", "outbox.jsonl");
    const sentAt = new Date("2026-03-01T09:30:00.000Z");
    const first = createOutboxMailer({ file, now: () => sentAt });
    await first.send(message);
    await first.send({ ...message, to: "ben@example.com", html: undefined });

    expect(statSync(file).mode & 0o777).toBe(0o600);
    const lines = readFileSync(file, "utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({ ...message, sentAt: sentAt.toISOString() });

    const reloaded = createOutboxMailer({ file });
    expect(reloaded.messages()).toEqual(first.messages());
    await reloaded.send({ ...message, to: "cleo@example.com" });
    expect(readFileSync(file, "utf8").trimEnd().split("\n")).toHaveLength(3);
    expect(createOutboxMailer({ file }).latest("cleo@example.com")?.to).toBe("cleo@example.com");
  });

  it("skips a line cut short by a crash instead of refusing to start", async () => {
    const file = join(dir, "torn.jsonl");
    const writer = createOutboxMailer({ file });
    await writer.send(message);
    writeFileSync(file, `${readFileSync(file, "utf8")}{"id":"x","to":"ana@exa`);
    const { logger, lines } = capturedLogger();

    const reloaded = createOutboxMailer({ file, logger });
    expect(reloaded.messages()).toHaveLength(1);
    expect(reloaded.messages()[0]?.text).toBe(message.text);
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({
      level: "warn",
      event: "email.outbox_lines_skipped",
      skipped: 1,
    });
  });
});

describe("templates", () => {
  const hostile = `<script>alert("x")</script> & 'friends'`;

  it("renders the verification code in text and HTML with its expiry", () => {
    const email = verificationCode({ to: "ana@example.com", name: "Ana", code: "048213" });

    expect(email).toMatchObject({ to: "ana@example.com", tag: "verification_code" });
    expect(email.subject).toContain("VoiceCraft");
    expect(email.subject).not.toContain("048213");
    expect(email.text).toContain("Hi Ana,");
    expect(email.text).toContain("048213");
    expect(email.text).toContain("expires in 10 minutes");
    expect(email.html).toContain("048213");
    expect(email.html).toContain("expires in 10 minutes");
  });

  it("refuses a code that is not exactly six digits", () => {
    for (const code of ["12345", "1234567", "12345a", " 123456"]) {
      expect(() => verificationCode({ to: "ana@example.com", name: "Ana", code })).toThrow(
        /6 digits/,
      );
    }
  });

  it("escapes every interpolated value in the HTML", () => {
    const url = `https://app.voicecraft.example/reset?token=a"b<c>&next='/x'`;
    const emails = [
      verificationCode({ to: "ana@example.com", name: hostile, code: "123456" }),
      passwordReset({ to: "ana@example.com", name: hostile, url }),
      signUpAttempt({ to: "ana@example.com", signInUrl: url, resetUrl: url }),
      passwordChanged({ to: "ana@example.com", name: hostile }),
    ];

    for (const email of emails) {
      expect(email.html).not.toContain("<script>");
      expect(email.html).not.toContain(`'friends'`);
    }
    // URL parsing percent-encodes quotes and angle brackets; escaping handles the `&`.
    expect(emails[1]?.html).toContain(
      'href="https://app.voicecraft.example/reset?token=a%22b%3Cc%3E&amp;next=%27/x%27"',
    );
    expect(emails[0]?.html).toContain(escapeHtml("<script>alert(\"x\")</script> & 'friends'"));
    // The text part is not HTML: it keeps the name as typed (on one line).
    expect(emails[0]?.text).toContain(`Hi ${hostile},`);
  });

  it("puts the reset link in both parts, single use, 30 minutes", () => {
    const url = "https://app.voicecraft.example/reset-password?token=tok_abc123&x=1";
    const email = passwordReset({ to: "ana@example.com", name: "Ana", url });

    expect(email.tag).toBe("password_reset");
    expect(email.text).toContain(url);
    expect(email.text).toContain("30 minutes");
    expect(email.text).toContain("only once");
    expect(email.html).toContain(`href="${escapeHtml(url)}"`);
  });

  it("tells the owner of a registered address about a sign-up attempt, with both links", () => {
    const email = signUpAttempt({
      to: "ana@example.com",
      signInUrl: "https://app.voicecraft.example/sign-in",
      resetUrl: "https://app.voicecraft.example/forgot-password",
    });

    expect(email.tag).toBe("sign_up_attempt");
    expect(email.text).toContain("https://app.voicecraft.example/sign-in");
    expect(email.text).toContain("https://app.voicecraft.example/forgot-password");
    expect(email.html).toContain('href="https://app.voicecraft.example/forgot-password"');
    expect(email.text).toContain("no new account was created");
  });

  it("sends a password-changed notice that says what to do if it was not you", () => {
    const email = passwordChanged({ to: "ana@example.com", name: "Ana" });

    expect(email.tag).toBe("password_changed");
    expect(email.text).toContain("was just changed");
    expect(email.text).toContain("Forgot password?");
  });

  it("refuses a link that is not http(s), since escaping cannot defuse javascript:", () => {
    for (const url of ["javascript:alert(1)", "data:text/html,hi", "/relative/reset"]) {
      expect(() => passwordReset({ to: "ana@example.com", name: "Ana", url })).toThrow();
    }
  });

  it("puts a sign-up name on one short line and greets without one", () => {
    const long = `Ana\n\nClick https://evil.example now\r\n${"x".repeat(200)}`;
    const email = verificationCode({ to: "ana@example.com", name: long, code: "123456" });
    const greeting = email.text.split("\n")[0] ?? "";

    expect(greeting.startsWith("Hi Ana Click https://evil.example now")).toBe(true);
    expect(greeting.length).toBeLessThanOrEqual(65);
    expect(verificationCode({ to: "a@b.example", code: "123456" }).text).toMatch(/^Hello,/);
    expect(passwordChanged({ to: "a@b.example", name: "  " }).text).toMatch(/^Hello,/);
  });
});

/** One request as the local SES server received it. */
interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const credentials = { accessKeyId: "AKIDLOCALTEST", secretAccessKey: "local-secret-key" };
const region = "eu-west-1";

describe("SES mailer", () => {
  let server: Server;
  let endpoint: string;
  const received: Received[] = [];
  /** What the next request is answered with. */
  let answer: { status: number; headers: Record<string, string>; body: string };

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      received.push({
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      res.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  function client(): SESv2Client {
    return new SESv2Client({ endpoint, region, credentials, maxAttempts: 1 });
  }

  it("sends a SigV4-signed SendEmail request with subject, text and HTML in UTF-8", async () => {
    answer = {
      status: 200,
      headers: { "x-amzn-requestid": "req-ok-1" },
      body: '{"MessageId":"m-1"}',
    };
    const { logger, lines } = capturedLogger();
    const mailer = createSesMailer({
      from: "VoiceCraft <no-reply@voicecraft.example>",
      client: client(),
      logger,
    });
    const email = verificationCode({ to: "zoë@example.com", name: "Zoë", code: "771204" });

    await mailer.send(email);

    const request = received.at(-1);
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe("/v2/email/outbound-emails");
    expect(JSON.parse(request?.body ?? "")).toEqual({
      FromEmailAddress: "VoiceCraft <no-reply@voicecraft.example>",
      Destination: { ToAddresses: ["zoë@example.com"] },
      Content: {
        Simple: {
          Subject: { Data: email.subject, Charset: "UTF-8" },
          Body: {
            Text: { Data: email.text, Charset: "UTF-8" },
            Html: { Data: email.html, Charset: "UTF-8" },
          },
        },
      },
      EmailTags: [{ Name: "tag", Value: "verification_code" }],
    });

    const authorization = String(request?.headers.authorization);
    const amzDate = String(request?.headers["x-amz-date"]);
    expect(authorization).toMatch(
      new RegExp(`^AWS4-HMAC-SHA256 Credential=AKIDLOCALTEST/\\d{8}/${region}/ses/aws4_request, `),
    );
    expect(amzDate).toMatch(/^\d{8}T\d{6}Z$/);
    expect(authorization).toBe(await expectedAuthorization(request as Received, amzDate));

    const logged = lines.map((line) => JSON.parse(line));
    expect(logged).toContainEqual(
      expect.objectContaining({ event: "email.sent", tag: "verification_code", messageId: "m-1" }),
    );
    expect(lines.join("")).not.toContain("771204");
    expect(lines.join("")).not.toContain("example.com");
  });

  it("sends text alone when there is no HTML", async () => {
    answer = { status: 200, headers: {}, body: '{"MessageId":"m-2"}' };
    const mailer = createSesMailer({
      from: "no-reply@voicecraft.example",
      client: client(),
      logger: capturedLogger().logger,
    });

    await mailer.send({ ...message, html: undefined });

    const body = JSON.parse(received.at(-1)?.body ?? "");
    expect(body.Content.Simple.Body).toEqual({ Text: { Data: message.text, Charset: "UTF-8" } });
  });

  it("turns an SES rejection into EMAIL_UNAVAILABLE and logs no address or body", async () => {
    answer = {
      status: 400,
      headers: {
        "x-amzn-errortype": "MessageRejected:http://internal.amazon.com/coral/com.amazonaws.sesv2/",
        "x-amzn-requestid": "req-rejected-7",
      },
      body: JSON.stringify({
        message:
          "Email address is not verified. The following identities failed the check in " +
          "region EU-WEST-1: ana@example.com",
      }),
    };
    const { logger, lines } = capturedLogger();
    const mailer = createSesMailer({
      from: "no-reply@voicecraft.example",
      client: client(),
      logger,
    });

    const failure = await mailer.send(message).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(VisibleError);
    expect(failure).toMatchObject({ kind: "unavailable", code: "EMAIL_UNAVAILABLE" });
    expect((failure as Error).message).not.toContain("ana@example.com");

    const logged = lines.map((line) => JSON.parse(line));
    expect(logged).toContainEqual(
      expect.objectContaining({
        level: "error",
        event: "email.failed",
        tag: "verification_code",
        error: { name: "MessageRejected", status: 400, requestId: "req-rejected-7" },
      }),
    );
    const all = lines.join("");
    for (const secret of ["ana@example.com", "482913", message.subject, "not verified"]) {
      expect(all).not.toContain(secret);
    }
  });

  it("turns an unreachable endpoint into EMAIL_UNAVAILABLE", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const { logger, lines } = capturedLogger();
    const unreachable = new SESv2Client({
      endpoint: `http://127.0.0.1:${port}`,
      region,
      credentials,
      maxAttempts: 1,
    });
    const mailer = createSesMailer({
      from: "no-reply@voicecraft.example",
      client: unreachable,
      logger,
    });

    await expect(mailer.send(message)).rejects.toMatchObject({ code: "EMAIL_UNAVAILABLE" });
    expect(lines.join("")).not.toContain("ana@example.com");
  });

  it("refuses an empty sender at creation", () => {
    expect(() => createSesMailer({ from: " ", client: client() })).toThrow(/sender/);
  });
});

/**
 * The Authorization header SigV4 gives for this request, recomputed from what arrived on
 * the wire with the same credentials, so the test checks the signature, not its shape.
 */
async function expectedAuthorization(request: Received, amzDate: string): Promise<string> {
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(String(request.headers.authorization))?.[1];
  const names = signedHeaders?.split(";") ?? [];
  const headers: Record<string, string> = {};
  for (const name of names) headers[name] = String(request.headers[name]);
  const [host, port] = String(request.headers.host).split(":");

  const signer = new SignatureV4({
    credentials,
    region,
    service: "ses",
    sha256: Hash.bind(null, "sha256"),
  });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: "http:",
      hostname: host ?? "",
      port: Number(port),
      path: request.path,
      query: {},
      headers,
      body: request.body,
    },
    {
      signingDate: new Date(
        amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"),
      ),
    },
  );
  return String(signed.headers.authorization);
}
