/**
 * The parts of an AWS SDK error worth logging: its name, HTTP status and request id. Not
 * the error itself: SES messages name the addresses that failed a check, S3 error bodies
 * echo the string that was signed, and every SDK error carries the raw response.
 */
export function describeAwsError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { name: typeof error };
  const metadata = (error as { $metadata?: { httpStatusCode?: number; requestId?: string } })
    .$metadata;
  return {
    name: error.name,
    status: metadata?.httpStatusCode,
    requestId: metadata?.requestId,
  };
}
