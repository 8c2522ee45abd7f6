import { generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// A real OpenID Provider (panva's certified `oidc-provider`) standing in for Google in
// tests, on 127.0.0.1 with its own keys. Login and consent are automatic: the interaction
// endpoint signs in an account and grants what was asked, so the same provider serves a
// test that follows redirects with fetch and a browser clicking "Sign in with Google".

/** A Google account: the claims its id_token carries. */
export interface TestAccount {
  sub: string;
  email: string;
  email_verified: boolean;
  name?: string;
}

export interface TestIdentityProviderOptions {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  accounts: TestAccount[];
}

/**
 * How to rewrite the id_token of token responses: edit its claims, then sign it with the
 * provider's own key (so only the edit is wrong), a stranger's key that claims the same
 * `kid`, or not at all (`alg: none`).
 */
export interface IdTokenTamper {
  claims?: (claims: Record<string, unknown>) => Record<string, unknown>;
  key?: "provider" | "foreign" | "none";
}

export interface TestIdentityProvider {
  issuer: string;
  close(): Promise<void>;
  /** The account a browser is signed in as when the interaction names none; the first. */
  useAccount(sub: string): void;
  /**
   * Follows an authorization URL through the provider as a browser would (cookies, login,
   * consent) and returns the URL it redirects back to, with `code` and `state`.
   */
  authorize(url: string, account?: string): Promise<URL>;
  /** Rewrites the id_token of every token response until called again with nothing. */
  tamperIdTokens(tamper?: IdTokenTamper): void;
}

// oidc-provider ships no type declarations; this is the part of its API used here.
interface Interaction {
  uid: string;
  params: Record<string, unknown>;
}
interface GrantInstance {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}
interface OidcProvider {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: Record<string, unknown>,
    options?: { mergeWithLastSubmission?: boolean },
  ): Promise<void>;
  Grant: new (init: { accountId: string; clientId: string }) => GrantInstance;
}
interface InteractionPolicy extends Array<unknown> {
  add(prompt: unknown, index?: number): void;
}
interface OidcProviderModule {
  Provider: new (issuer: string, configuration: Record<string, unknown>) => OidcProvider;
  interactionPolicy: {
    base(): InteractionPolicy;
    Prompt: new (options: { name: string; requestable: boolean }) => unknown;
  };
}

const b64json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const unb64json = (part: string | undefined) =>
  JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8")) as Record<string, unknown>;

/**
 * Starts the provider on a random port of 127.0.0.1. PKCE is required of every client,
 * id_tokens carry `email`, `email_verified` and `name` (as Google's do), and
 * `prompt=select_account` is accepted.
 */
export async function startTestIdentityProvider(
  options: TestIdentityProviderOptions,
): Promise<TestIdentityProvider> {
  const [first] = options.accounts;
  if (!first) throw new Error("the provider needs at least one account");
  const accounts = new Map(options.accounts.map((account) => [account.sub, account]));
  let defaultAccount = first.sub;
  let tamper: IdTokenTamper | undefined;

  const kid = `test-${randomBytes(4).toString("hex")}`;
  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  const foreignKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;

  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;

  // A variable specifier keeps tsc from looking for declarations the package lacks.
  const moduleName = "oidc-provider";
  const { Provider, interactionPolicy } = (await import(moduleName)) as OidcProviderModule;

  const policy = interactionPolicy.base();
  // Google's prompt; oidc-provider refuses prompt values it has no policy entry for.
  policy.add(new interactionPolicy.Prompt({ name: "select_account", requestable: true }), 0);

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: options.redirectUris,
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    jwks: { keys: [{ ...signingKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" }] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // Google puts the scope's claims in the id_token itself, not only behind userinfo.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    ttl: {
      AuthorizationCode: 60,
      IdToken: 600,
      AccessToken: 600,
      Grant: 600,
      Interaction: 600,
      Session: 600,
    },
    features: { devInteractions: { enabled: false } },
    interactions: {
      policy,
      url: (_ctx: unknown, interaction: Interaction) => `/interaction/${interaction.uid}`,
    },
    findAccount: (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: () => ({ ...account }) };
    },
  });
  const serve = provider.callback();

  /** Signs in the named (or default) account and grants every scope asked for. */
  async function interact(req: IncomingMessage, res: ServerResponse) {
    const details = await provider.interactionDetails(req, res);
    const requested = new URL(req.url ?? "/", issuer).searchParams.get("account");
    const sub = requested ?? defaultAccount;
    if (!accounts.has(sub)) {
      res.writeHead(400, { "content-type": "text/plain" }).end(`no account ${sub}`);
      return;
    }
    const grant = new provider.Grant({
      accountId: sub,
      clientId: String(details.params.client_id),
    });
    grant.addOIDCScope(String(details.params.scope ?? "openid"));
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      { select_account: {}, login: { accountId: sub }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  }

  function rewrite(idToken: string, change: IdTokenTamper): string {
    const [header, payload] = idToken.split(".");
    const claims = change.claims ? change.claims(unb64json(payload)) : unb64json(payload);
    if (change.key === "none") return `${b64json({ alg: "none" })}.${b64json(claims)}.`;
    const input = `${b64json(unb64json(header))}.${b64json(claims)}`;
    const key: KeyObject = change.key === "foreign" ? foreignKey : signingKey;
    return `${input}.${sign("sha256", Buffer.from(input), key).toString("base64url")}`;
  }

  /** Koa answers with one `res.end(body)`; the id_token in it is swapped on the way out. */
  function interceptToken(res: ServerResponse) {
    const end = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => ServerResponse;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      const change = tamper;
      if (
        change &&
        res.statusCode === 200 &&
        (typeof chunk === "string" || chunk instanceof Buffer)
      ) {
        const body = JSON.parse(chunk.toString()) as Record<string, unknown>;
        if (typeof body.id_token === "string") body.id_token = rewrite(body.id_token, change);
        const replaced = JSON.stringify(body);
        if (!res.headersSent) res.setHeader("content-length", Buffer.byteLength(replaced));
        return end(replaced, ...rest);
      }
      return end(chunk, ...rest);
    }) as ServerResponse["end"];
  }

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", issuer).pathname;
    if (req.method === "GET" && path.startsWith("/interaction/")) {
      interact(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(error));
      });
      return;
    }
    if (req.method === "POST" && path === "/token") interceptToken(res);
    serve(req, res);
  });

  return {
    issuer,

    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),

    useAccount(sub) {
      if (!accounts.has(sub)) throw new Error(`no account ${sub}`);
      defaultAccount = sub;
    },

    async authorize(url, account) {
      const jar = new Map<string, string>();
      let next = new URL(url);
      for (let hop = 0; hop < 10; hop++) {
        if (next.origin !== issuer) return next;
        if (account && next.pathname.startsWith("/interaction/")) {
          next.searchParams.set("account", account);
        }
        const res = await fetch(next, {
          redirect: "manual",
          headers: { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; ") },
        });
        for (const header of res.headers.getSetCookie()) {
          const [pair = ""] = header.split(";");
          const at = pair.indexOf("=");
          const [name, value] = [pair.slice(0, at).trim(), pair.slice(at + 1)];
          if (!value || /expires=Thu, 01 Jan 1970/i.test(header)) jar.delete(name);
          else jar.set(name, value);
        }
        const body = await res.text();
        const location = res.headers.get("location");
        if (res.status < 300 || res.status >= 400 || !location) {
          throw new Error(`the provider answered ${res.status}: ${body.slice(0, 500)}`);
        }
        next = new URL(location, next);
      }
      throw new Error("the provider redirected more than 10 times");
    },

    tamperIdTokens(change) {
      tamper = change;
    },
  };
}
