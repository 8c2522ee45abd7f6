import { timingSafeEqual } from "node:crypto";

/**
 * Whether `given` equals `expected`, in time that depends on neither's content.
 *
 * `timingSafeEqual` throws on buffers of different lengths, and returning early on a
 * length mismatch is the usual workaround. Here the comparison still runs, against
 * `expected` itself, so a caller learns nothing but that its own value had the wrong
 * length, which it knew. The expected length is public anyway: it is fixed by the hash
 * and the encoding (28 base64 characters for SHA-1, 64 hex digits for SHA-256 ...).
 */
export function safeEqual(given: Uint8Array, expected: Uint8Array): boolean {
  const sameLength = given.length === expected.length;
  const equal = timingSafeEqual(sameLength ? given : expected, expected);
  return sameLength && equal;
}

/**
 * `safeEqual` on the UTF-8 bytes of two strings: for signatures that a provider sends
 * already encoded (base64, hex). Comparing the encodings rather than the decoded bytes
 * keeps lenient decoders out of the check: `Buffer.from(s, "base64")` skips characters it
 * does not know, so several header values would decode to the same digest.
 */
export function safeEqualText(given: string, expected: string): boolean {
  return safeEqual(Buffer.from(given, "utf8"), Buffer.from(expected, "utf8"));
}
