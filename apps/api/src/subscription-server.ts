import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { type ExecutionArgs, GraphQLError, type GraphQLFormattedError, type DocumentNode, getOperationAST, parse, validate } from 'graphql';
import type { Context, Disposable, FormattedExecutionResult, SubscribePayload } from 'graphql-ws';
import { type Extra, useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { APP_CONFIG, type AppConfig } from '@intersessional/config';
import { AppError, ErrorCode, Loaders, type RequestContext, checkQueryLimits, createErrorFormatter } from '@intersessional/graphql';

export const SUBSCRIPTION_PATH = '/graphql';
/** Subscription documents are small; anything larger is refused by ws (close 1009). */
const MAX_MESSAGE_BYTES = 64 * 1024;
/** How long shutdown waits for clients to answer the close frame. */
const CLOSE_HANDSHAKE_MS = 1000;

type ConnectionParams = Record<string, unknown>;

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
 */
@Injectable()
export class SubscriptionServer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SubscriptionServer');
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private disposable: Disposable | null = null;
  private closing = false;
  private readonly format = createErrorFormatter((error, formatted) =>
    this.logger.error(`unhandled error in a subscription at ${formatted.path?.join('.') ?? '?'}: ${String(error)}`),
  );

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly schemaHost: GraphQLSchemaHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.disposable = useServer<ConnectionParams>(
      {
        isProd: this.config.NODE_ENV === 'production',
        onConnect: (ctx) => this.accepts(ctx.connectionParams),
        onSubscribe: (ctx, _id, payload) => this.prepare(ctx, payload),
        onNext: (_ctx, _id, _payload, args, result) => this.next(args, result),
        onError: (_ctx, _id, _payload, errors) => errors.map((error) => this.format(error.toJSON(), error)),
      },
      this.wss,
    );
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head));
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== SUBSCRIPTION_PATH) return;
    if (this.closing) return void socket.destroy(); // shutting down: the client retries elsewhere or later
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.wss.emit('connection', ws, req);
      // ws closes the socket itself on a protocol violation (1009 for an oversized frame, 1002); it is
      // the client's fault, not worth graphql-ws's console.error, so its listener is replaced by ours
      ws.removeAllListeners('error');
      ws.on('error', (error) => this.logger.debug(`socket error: ${error.message}`));
    });
  }

  /** connection_init: a token, when given, must be a string (it is checked when a subscription starts). */
  private accepts(params: ConnectionParams | undefined): boolean {
    const authorization = params?.['authorization'] ?? params?.['Authorization'];
    return authorization === undefined || authorization === null || typeof authorization === 'string';
  }

  private prepare(ctx: Context<ConnectionParams, Extra>, payload: SubscribePayload): ExecutionArgs | readonly GraphQLError[] {
    const requestId = randomUUID();
    const schema = this.schemaHost.schema;
    let document: DocumentNode;
    try {
      document = parse(payload.query);
    } catch (error) {
      return [stamp(error instanceof GraphQLError ? error : new GraphQLError(String(error)), 'GRAPHQL_PARSE_FAILED', requestId)];
    }
    const invalid = validate(schema, document);
    if (invalid.length) return invalid.map((error) => stamp(error, 'GRAPHQL_VALIDATION_FAILED', requestId));
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
    const fromParams = ctx.connectionParams?.['authorization'] ?? ctx.connectionParams?.['Authorization'];
    // a token in connectionParams (browsers cannot set headers on a WebSocket), else the upgrade's header
    const authorization = typeof fromParams === 'string' ? fromParams : ctx.extra.request.headers.authorization;
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
    const closed = [...this.wss.clients].map(
      (socket) =>
        new Promise<void>((resolve) => {
          socket.once('close', () => resolve());
          socket.close(1001, 'server shutting down');
        }),
    );
    await Promise.race([Promise.all(closed), new Promise((resolve) => setTimeout(resolve, CLOSE_HANDSHAKE_MS).unref())]);
    await this.disposable?.dispose();
  }
}

function stamp(error: GraphQLError, code: string, requestId: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code, requestId },
  });
}

function refusal(message: string, requestId: string): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, message, { field: 'operation', requestId });
}
