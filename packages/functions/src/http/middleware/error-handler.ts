import type { MiddlewareObj } from "@middy/core";
import { log as rootLog } from "@voicecraft/core/log";
import { type ErrorKind, VisibleError } from "@voicecraft/core/util/errors";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { ZodError } from "zod";
import { stateOf } from "./state.ts";

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
};

/** What Middy's own http middlewares throw (`createError` from @middy/util). */
interface MiddyHttpError {
  statusCode: number;
  expose?: boolean;
  message: string;
}

const isMiddyHttpError = (error: unknown): error is MiddyHttpError =>
  typeof error === "object" &&
  error !== null &&
  typeof (error as MiddyHttpError).statusCode === "number";

interface ErrorBody {
  code: string;
  message: string;
  fields?: Record<string, string[]>;
}

/**
 * The one place an error becomes a response: `{ error: { code, message, requestId } }`.
 * Middy ships `@middy/http-error-handler`, but it answers with the bare message as a
 * text body; our clients branch on a stable code and need field errors, so this maps
 * errors itself. Anything unexpected is a 500 whose detail stays in the log.
 */
export function errorHandler(): MiddlewareObj {
  const errorHandlerOnError: MiddlewareObj["onError"] = (request) => {
    const error = request.error;
    const state = stateOf(request);
    const requestId = state?.requestId ?? request.context.awsRequestId;
    const log = state?.log ?? rootLog;
    const [status, body, headers] = describe(error);

    if (status >= 500) {
      log.error({ event: "request.failed", err: error, status }, "unhandled error");
    } else {
      log.info({ event: "request.rejected", status, code: body.code });
    }

    const response: APIGatewayProxyStructuredResultV2 = {
      statusCode: status,
      headers: { "content-type": "application/json; charset=utf-8", ...headers },
      body: JSON.stringify({ error: { ...body, requestId } }),
    };
    request.response = response;
  };
  return { onError: errorHandlerOnError };
}

function describe(error: unknown): [number, ErrorBody, Record<string, string>] {
  if (error instanceof VisibleError) {
    const headers: Record<string, string> = {};
    const retryAfter = error.details?.retryAfterSeconds;
    if (error.kind === "rate_limited" && typeof retryAfter === "number") {
      headers["retry-after"] = String(Math.max(1, Math.ceil(retryAfter)));
    }
    const fields = error.details?.fields as Record<string, string[]> | undefined;
    return [
      STATUS[error.kind],
      { code: error.code, message: error.message, ...(fields ? { fields } : {}) },
      headers,
    ];
  }

  if (error instanceof ZodError) {
    return [
      400,
      { code: "VALIDATION_FAILED", message: "The request is not valid.", fields: fieldsOf(error) },
      {},
    ];
  }

  if (isMiddyHttpError(error) && error.statusCode < 500) {
    // Middy's body parser reports bad JSON as 422 and a wrong content type as 415.
    if (error.statusCode === 415) {
      return [415, { code: "UNSUPPORTED_MEDIA_TYPE", message: "Send application/json." }, {}];
    }
    return [400, { code: "MALFORMED_BODY", message: "The body is not valid JSON." }, {}];
  }

  return [500, { code: "INTERNAL", message: "Something went wrong on our side." }, {}];
}

/** Zod issues as `{ "body.phoneNumber": ["Expected an E.164 number"] }`. */
export function fieldsOf(error: ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "(root)";
    fields[key] ??= [];
    fields[key].push(issue.message);
  }
  return fields;
}
