import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { type ExecutionArgs, GraphQLError, type GraphQLFormattedError, type DocumentNode, getOperationAST, parse, validate } from 'graphql';
import { type Context, type FormattedExecutionResult, type Server as GraphQLWsServer, type SubscribePayload, handleProtocols, makeServer } from 'graphql-ws';
import { type WebSocket, WebSocketServer } from 'ws';
import { APP_CONFIG, type AppConfig } from '@intersessional/config';
import { AppError, ErrorCode, Loaders, type RequestContext, checkQueryLimits, createErrorFormatter } from '@intersessional/graphql';
import { AuthenticationService, PeopleDirectory } from '@intersessional/identity';
import { type SubscriptionClient, SubscriptionClients, clientAddress } from './subscription-clients';
import { SubscriptionCloseCode, TOO_MANY_SUBSCRIPTIONS } from './subscription.errors';
import { SessionWatch } from './subscription-sessions';
import { serveSocket } from './subscription-socket';

export const SUBSCRIPTION_PATH = '/graphql';
/** Subscription documents are small; anything larger is refused by ws (close 1009). */
const MAX_MESSAGE_BYTES = 64 * 1024;
/** How long shutdown waits for clients to answer the close frame. */
const CLOSE_HANDSHAKE_MS = 1000;

type ConnectionParams = Record<string, unknown>;

/** What graphql-ws keeps of each socket besides its own state. */
interface Extra {
  socket: WebSocket;
  request: IncomingMessage;
  client: SubscriptionClient;
}

/**
 * What the access guard needs of a request: `headers.authorization` to authenticate, `id` for the
 * actor's request id; it keeps the actor on it. Over the socket there is no HTTP request per
 * operation, so each subscription gets this stand-in, built from the connection's parameters.
 */
interface SocketRequest {
  headers: IncomingHttpHeaders;
  id: string;
}

/** The GraphQL context of a subscription: RequestContext without the HTTP request and response. */
export type SubscriptionContext = Omit<RequestContext, 'req' | 'res'> & { req: SocketRequest };

/**
 * GraphQL subscriptions over graphql-ws (`graphql-transport-ws`) on the API's HTTP server, at /graphql.
 * It claims upgrades for that exact path only; /collab/* and any other path are left to their own
 * handlers (Nest's built-in subscription server is not used: it cannot limit the frame size and
 * claims every path that starts with /graphql).
 *
 * Clients send `connectionParams: { authorization: 'Bearer <accessToken>' }` (anonymous connections
 * may use public subscriptions). Each subscription is authenticated when it starts, by the same global
 * guard and rules as HTTP requests (session alive, account enabled). Only subscriptions are served:
 * queries and mutations go through POST /graphql, where rate limits, client addresses and Apollo's
 * plugins apply. Query depth and complexity limits apply here too. Errors go through the same
 * formatter (stable codes, internal messages hidden, request id).
 *
 * Bounds, so that no client can grow the server's memory (see subscription.errors.ts for the codes):
 * what waits unsent for a socket (SUBSCRIPTION_MAX_BUFFERED_BYTES, then close 4008), subscriptions per
 * socket (SUBSCRIPTION_MAX_PER_SOCKET, then TOO_MANY_SUBSCRIPTIONS), sockets per address and per
 * account (SUBSCRIPTION_MAX_SOCKETS_PER_ADDRESS / _PER_ACCOUNT, then close 4429). A socket opened with
 * a valid token belongs to that session: when the session ends (sign-out, password change,
 * revocation, expiry, disabled account) the socket is closed with 4401 within
 * SUBSCRIPTION_SESSION_CHECK_MS, whatever its subscriptions are.
 */
@Injectable()
export class SubscriptionServer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SubscriptionServer');
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, handleProtocols });
  private readonly clients: SubscriptionClients;
  private readonly sessions: SessionWatch;
  private server: GraphQLWsServer<Extra> | null = null;
  private closing = false;
  private readonly format = createErrorFormatter((error, formatted) =>
    this.logger.error(`unhandled error in a subscription at ${formatted.path?.join('.') ?? '?'}: ${String(error)}`),
  );

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly schemaHost: GraphQLSchemaHost,
    private readonly authentication: AuthenticationService,
    people: PeopleDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.clients = new SubscriptionClients({
      perAddress: config.SUBSCRIPTION_MAX_SOCKETS_PER_ADDRESS,
      perAccount: config.SUBSCRIPTION_MAX_SOCKETS_PER_ACCOUNT,
    });
    this.sessions = new SessionWatch(this.clients, people, config.SUBSCRIPTION_SESSION_CHECK_MS, this.logger);
  }

  /** Open subscription sockets on this instance. */
  get openSockets(): number {
    return this.clients.size;
  }

  onApplicationBootstrap(): void {
    this.server = makeServer<ConnectionParams, Extra>({
      onConnect: (ctx) => this.connect(ctx),
      onSubscribe: (ctx, _id, payload) => this.prepare(ctx, payload),
      onNext: (_ctx, _id, _payload, args, result) => this.next(args, result),
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => this.format(error.toJSON(), error)),
    });
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head));
    this.sessions.start();
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== SUBSCRIPTION_PATH) return;
    if (this.closing || !this.server) return void socket.destroy(); // shutting down: the client retries elsewhere or later
    const server = this.server;
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      // ws closes the socket itself on a protocol violation (1009 for an oversized frame, 1002); it is
      // the client's fault, worth a debug line only
      ws.on('error', (error) => this.logger.debug(`socket error: ${error.message}`));
      const client: SubscriptionClient = { socket: ws, address: clientAddress(req, this.config.TRUST_PROXY), actor: null };
      const refused = this.clients.open(client);
      if (refused) return void ws.close(SubscriptionCloseCode.TOO_MANY_SOCKETS, refused);
      ws.once('close', () => this.clients.close(client));
      serveSocket(server, ws, { socket: ws, request: req, client }, {
        maxBufferedBytes: this.config.SUBSCRIPTION_MAX_BUFFERED_BYTES,
        keepAliveMs: this.config.SUBSCRIPTION_KEEP_ALIVE_MS,
        onTooSlow: (buffered) => this.logger.warn(`closed a subscription socket from ${client.address}: ${buffered} bytes undelivered`),
        onInternalError: (error) => this.logger.error(`error while handling a subscription message: ${String(error)}`),
      });
    });
  }

  /**
   * connection_init: a token, when given, must be a string. A valid one makes the socket its session's
   * (counted for the account, closed when the session ends); an invalid one is refused later, by each
   * subscription that needs it, as before.
   */
  private async connect(ctx: Context<ConnectionParams, Extra>): Promise<boolean> {
    const params = ctx.connectionParams;
    const given = params?.['authorization'] ?? params?.['Authorization'];
    if (given !== undefined && given !== null && typeof given !== 'string') return false;
    const [scheme, token] = (this.authorization(ctx) ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) return true;
    const actor = await this.authentication.authenticate(token, randomUUID()).catch(() => null);
    if (!actor) return true;
    const refused = this.clients.signIn(ctx.extra.client, actor);
    if (refused) ctx.extra.socket.close(SubscriptionCloseCode.TOO_MANY_SOCKETS, refused);
    return !refused;
  }

  /** A token in connectionParams (browsers cannot set headers on a WebSocket), else the upgrade's header. */
  private authorization(ctx: Context<ConnectionParams, Extra>): string | undefined {
    const fromParams = ctx.connectionParams?.['authorization'] ?? ctx.connectionParams?.['Authorization'];
    return typeof fromParams === 'string' ? fromParams : ctx.extra.request.headers.authorization;
  }

  private prepare(ctx: Context<ConnectionParams, Extra>, payload: SubscribePayload): ExecutionArgs | readonly GraphQLError[] {
    const requestId = randomUUID();
    // graphql-ws lists this operation already, beside those still running on the socket
    const limit = this.config.SUBSCRIPTION_MAX_PER_SOCKET;
    if (Object.keys(ctx.subscriptions).length > limit) {
      return [new AppError(TOO_MANY_SUBSCRIPTIONS, `At most ${limit} subscriptions may run on one connection; end one first.`, { limit, requestId })];
    }
    const schema = this.schemaHost.schema;
    let document: DocumentNode;
    try {
      document = parse(payload.query);
    } catch (error) {
      return [stamp(error instanceof GraphQLError ? error : new GraphQLError(String(error)), 'GRAPHQL_PARSE_FAILED', requestId)];
    }
    const invalid = validate(schema, document);
    if (invalid.length) {
      // as over HTTP: without introspection, validation errors suggest no field names
      const hide = !this.config.GRAPHQL_INTROSPECTION;
      return invalid.map((error) => stamp(error, 'GRAPHQL_VALIDATION_FAILED', requestId, hide ? withoutSuggestions(error.message) : error.message));
    }
    const operation = getOperationAST(document, payload.operationName);
    if (!operation) return [refusal('Name the operation to run (operationName).', requestId)];
    if (operation.operation !== 'subscription') {
      return [refusal('Only subscriptions are served over the WebSocket; send queries and mutations with POST /graphql.', requestId)];
    }
    try {
      checkQueryLimits(
        { maxDepth: this.config.GRAPHQL_MAX_DEPTH, maxComplexity: this.config.GRAPHQL_MAX_COMPLEXITY },
        { schema, document, operation, operationName: payload.operationName, variables: payload.variables },
      );
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const { http: _http, ...extensions } = error.extensions;
      return [new AppError(error.code, error.message, { ...extensions, requestId })];
    }
    return {
      schema,
      document,
      operationName: payload.operationName,
      variableValues: payload.variables,
      contextValue: this.context(ctx, requestId),
    };
  }

  private context(ctx: Context<ConnectionParams, Extra>, requestId: string): SubscriptionContext {
    const authorization = this.authorization(ctx);
    return { req: { headers: { authorization }, id: requestId }, requestId, loaders: new Loaders() };
  }

  /** Each event is sent with formatted errors; DataLoaders start afresh for the next event. */
  private next(args: ExecutionArgs, result: { errors?: readonly GraphQLError[] }): FormattedExecutionResult | void {
    const context = args.contextValue as SubscriptionContext;
    context.loaders = new Loaders();
    if (!result.errors?.length) return undefined;
    const errors: GraphQLFormattedError[] = result.errors.map((error) => {
      const formatted = this.format(error.toJSON(), error);
      return { ...formatted, extensions: { ...formatted.extensions, requestId: context.requestId } };
    });
    return { ...result, errors };
  }

  /**
   * Closes every socket with 1001 and waits briefly for the close handshakes. Runs from the root
   * module's providers, so before GraphQLModule stops Apollo, whose HTTP drain would end the upgraded
   * sockets without a close frame.
   */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    this.sessions.stop();
    const closed = [...this.wss.clients].map(
      (socket) =>
        new Promise<void>((resolve) => {
          socket.once('close', () => resolve());
          socket.close(SubscriptionCloseCode.GOING_AWAY, 'server shutting down');
        }),
    );
    await Promise.race([Promise.all(closed), new Promise((resolve) => setTimeout(resolve, CLOSE_HANDSHAKE_MS).unref())]);
    // ws waits for every tracked socket before it reports the server closed: end those that did not answer
    for (const socket of this.wss.clients) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

function stamp(error: GraphQLError, code: string, requestId: string, message = error.message): GraphQLError {
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code, requestId },
  });
}

function refusal(message: string, requestId: string): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, message, { field: 'operation', requestId });
}

/** Apollo's rule (ApolloServerPluginDisableSuggestions) for the socket's own validation. */
const withoutSuggestions = (message: string) => message.replace(/ ?Did you mean(.+?)\?$/, '');
