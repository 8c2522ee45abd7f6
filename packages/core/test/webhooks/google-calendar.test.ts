import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { channelToken, verifyCalendarNotification } from "../../src/webhooks/google-calendar.ts";

const secret = "google-calendar-channel-secret";

// developers.google.com/calendar/api/guides/push, "Receive notifications", "Examples":
// the change notification Google sends. Google publishes no token scheme (the token is
// whatever the app set on the channel), so the token here is minted with ours.
const documented = {
  channelId: "4ba78bf0-6a47-11e2-bcfd-0800200c9a66",
  resourceState: " exists",
  messageNumber: "10",
};

describe("Google Calendar channel tokens", () => {
  it("are base64url(HMAC-SHA256(secret, channel id)), 43 characters", () => {
    const expected = createHmac("sha256", secret)
      .update("4ba78bf0-6a47-11e2-bcfd-0800200c9a66")
      .digest("base64url");
    const token = channelToken(secret, "4ba78bf0-6a47-11e2-bcfd-0800200c9a66");
    expect(token).toBe(expected);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe("Google Calendar push notifications", () => {
  it("WH1: accepts Google's documented notification carrying our channel token", () => {
    const result = verifyCalendarNotification({
      secret,
      headers: { ...documented, channelToken: channelToken(secret, documented.channelId) },
    });
    expect(result).toEqual({
      ok: true,
      channelId: "4ba78bf0-6a47-11e2-bcfd-0800200c9a66",
      resourceState: "exists",
      messageNumber: "10",
      eventId: "4ba78bf0-6a47-11e2-bcfd-0800200c9a66:10",
    });
  });

  it("WH1: accepts the sync message that opens a channel", () => {
    // Same guide, "Sync message": X-Goog-Resource-State: sync, X-Goog-Message-Number: 1.
    const result = verifyCalendarNotification({
      secret,
      headers: {
        channelId: documented.channelId,
        channelToken: channelToken(secret, documented.channelId),
        resourceState: "sync",
        messageNumber: "1",
      },
    });
    expect(result).toMatchObject({
      ok: true,
      resourceState: "sync",
      eventId: `${documented.channelId}:1`,
    });
  });

  it("WH1: refuses the documented example's own token, which is not one we minted", () => {
    const result = verifyCalendarNotification({
      secret,
      headers: { ...documented, channelToken: "398348u3tu83ut8uu38" },
    });
    expect(result).toEqual({ ok: false, reason: "TOKEN_MISMATCH" });
  });

  it("WH1: refuses a wrong secret, another channel's token, and a missing token", () => {
    const check = (channelTokenValue: string | undefined) =>
      verifyCalendarNotification({
        secret,
        headers: { ...documented, channelToken: channelTokenValue },
      });
    expect(check(channelToken("another-secret", documented.channelId))).toEqual({
      ok: false,
      reason: "TOKEN_MISMATCH",
    });
    expect(check(channelToken(secret, "another-channel"))).toEqual({
      ok: false,
      reason: "TOKEN_MISMATCH",
    });
    expect(check(undefined)).toEqual({ ok: false, reason: "TOKEN_MISSING" });
  });

  it("WH1: refuses a malformed channel id, resource state or message number", () => {
    const token = channelToken(secret, documented.channelId);
    const check = (overrides: Partial<typeof documented>) =>
      verifyCalendarNotification({
        secret,
        headers: { ...documented, channelToken: token, ...overrides },
      });
    expect(check({ channelId: "" })).toEqual({ ok: false, reason: "CHANNEL_ID_MALFORMED" });
    expect(check({ channelId: "a b" })).toEqual({ ok: false, reason: "CHANNEL_ID_MALFORMED" });
    expect(check({ resourceState: "update" })).toEqual({
      ok: false,
      reason: "RESOURCE_STATE_UNKNOWN",
    });
    for (const messageNumber of ["", "0", "-1", "1e3", "10a"]) {
      expect(check({ messageNumber })).toEqual({
        ok: false,
        reason: "MESSAGE_NUMBER_MALFORMED",
      });
    }
  });

  it("never throws, and accepts no header set without the right token", () => {
    const header = fc.option(fc.string({ maxLength: 80 }), { nil: undefined });
    fc.assert(
      fc.property(header, header, header, header, (channelId, token, state, number) => {
        const result = verifyCalendarNotification({
          secret,
          headers: { channelId, channelToken: token, resourceState: state, messageNumber: number },
        });
        expect(result.ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
