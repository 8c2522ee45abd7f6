import { escapeHtml as xml } from "@voicecraft/core/email/templates";

/**
 * TwiML that connects the call's audio to the voice runtime's media stream, telling the
 * runtime which call and agent it is serving. Written out rather than built with the
 * Twilio SDK: the document is four elements, and the SDK would add megabytes to the
 * function for them.
 */
export function connectToStream(streamUrl: string, parameters: Record<string, string>): string {
  const params = Object.entries(parameters)
    .map(([name, value]) => `<Parameter name="${xml(name)}" value="${xml(value)}"/>`)
    .join("");
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<Response><Connect><Stream url="${xml(streamUrl)}">${params}</Stream></Connect></Response>`
  );
}

/** TwiML that apologizes and hangs up, for when the runtime cannot take the call. */
export function unavailable(): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    "<Response><Say>Sorry, this line cannot take calls right now. Please try again later.</Say>" +
    "<Hangup/></Response>"
  );
}
