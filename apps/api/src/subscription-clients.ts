import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import type { Actor } from '@intersessional/access';

/** One graphql-ws socket: where it comes from and, once its token was checked, who opened it. */
export interface SubscriptionClient {
  readonly socket: WebSocket;
  readonly address: string;
  /** Set at connection_init when the socket's token authenticates; its session is then watched. */
  actor: Actor | null;
}

export interface SocketLimits {
  perAddress: number;
  perAccount: number;
}

/**
 * The open subscription sockets of this instance, counted per client address and per account, so that
 * one address or one account cannot hold more than its share. Limits are per instance: behind a load
 * balancer each instance enforces them on what it holds.
 */
export class SubscriptionClients {
  private readonly all = new Set<SubscriptionClient>();
  private readonly perAddress = new Map<string, number>();
  private readonly perAccount = new Map<string, number>();

  constructor(private readonly limits: SocketLimits) {}

  get size(): number {
    return this.all.size;
  }

  /** Registers a new socket; returns why it is refused instead when its address holds too many. */
  open(client: SubscriptionClient): string | null {
    if ((this.perAddress.get(client.address) ?? 0) >= this.limits.perAddress) {
      return `too many connections from this address (at most ${this.limits.perAddress})`;
    }
    this.all.add(client);
    increment(this.perAddress, client.address);
    return null;
  }

  /** Records who opened the socket; returns why it is refused instead when the account holds too many. */
  signIn(client: SubscriptionClient, actor: Actor): string | null {
    if (!this.all.has(client) || client.actor) return null;
    if ((this.perAccount.get(actor.userId) ?? 0) >= this.limits.perAccount) {
      return `too many connections for this account (at most ${this.limits.perAccount})`;
    }
    client.actor = actor;
    increment(this.perAccount, actor.userId);
    return null;
  }

  close(client: SubscriptionClient): void {
    if (!this.all.delete(client)) return;
    decrement(this.perAddress, client.address);
    if (client.actor) decrement(this.perAccount, client.actor.userId);
  }

  /** Sockets opened with a signed-in session. */
  signedIn(): SubscriptionClient[] {
    return [...this.all].filter((client) => client.actor !== null);
  }
}

/**
 * The client's address as the HTTP rate limits see it (Express's `trust proxy` with a hop count):
 * `trustedHops` proxies in front, so the entry that many hops from the right of X-Forwarded-For, never
 * its left end, which the client writes; with no trusted proxy, the peer's address.
 */
export function clientAddress(req: IncomingMessage, trustedHops: number): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (trustedHops <= 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [peer, ...forwarded.reverse()];
  return chain[Math.min(trustedHops, chain.length - 1)] ?? peer;
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function decrement(counts: Map<string, number>, key: string): void {
  const left = (counts.get(key) ?? 1) - 1;
  if (left > 0) counts.set(key, left);
  else counts.delete(key);
}
