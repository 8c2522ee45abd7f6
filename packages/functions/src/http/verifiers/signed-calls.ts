import type { Verifier, VerifierName } from "../verifiers.ts";
import { hubspotVerifier } from "./hubspot.ts";
import { squareVerifier } from "./square.ts";
import { stripeVerifier } from "./stripe.ts";
import { twilioVerifier } from "./twilio.ts";

/** Providers that sign each request with a shared secret: Twilio, Stripe, Square, HubSpot. */
export const signedCalls: Partial<Record<VerifierName, Verifier>> = {
  twilio: twilioVerifier,
  stripe: stripeVerifier,
  square: squareVerifier,
  hubspot: hubspotVerifier,
};
