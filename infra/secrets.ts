import { Config, type StackContext } from "sst/constructs";
import { SECRETS, type SecretName } from "../packages/functions/src/http/secrets.ts";

/** Every secret the functions may be bound to, one `Config.Secret` per name. */
export type SecretConstructs = Readonly<Record<SecretName, Config.Secret>>;

/**
 * Declares the secrets; their values are set per stage with `npx sst secrets set` and
 * live only in SSM. A function reads the ones it is bound to at cold start.
 *
 * DP1: the database is an external PostgreSQL with point-in-time recovery at the
 * provider, so nothing here provisions it. Infra knows it only as the `DATABASE_URL`
 * secret, which keeps credentials out of templates and out of the repository.
 */
export function Secrets({ stack }: StackContext): SecretConstructs {
  return Object.fromEntries(
    SECRETS.map((name) => [name, new Config.Secret(stack, name)]),
  ) as Record<SecretName, Config.Secret>;
}
