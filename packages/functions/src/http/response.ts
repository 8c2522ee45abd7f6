/** What a route handler returns; the factory turns it into an API Gateway response. */
export interface Reply {
  status: number;
  /** Serialized as JSON. */
  body?: unknown;
  /** Sent as is, for providers that want XML (TwiML) or a plain-text handshake echo. */
  text?: { contentType: string; content: string };
  headers?: Record<string, string>;
  cookies?: string[];
}

/** 200 with a JSON body. */
export const ok = (body: unknown): Reply => ({ status: 200, body });

/** 201 with the created resource. */
export const created = (body: unknown): Reply => ({ status: 201, body });

/** 204, nothing to say. */
export const noContent = (): Reply => ({ status: 204 });
