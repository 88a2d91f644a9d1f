/**
 * One subscriber's view of a topic, as the async iterator GraphQL subscriptions consume. Events that
 * arrive before the consumer asks for them wait in a queue; `return()` (the client unsubscribed or
 * disconnected) detaches it from the bus and ends any pending `next()`.
 *
 * The queue is bounded: a consumer that stops reading (a stalled socket) loses its oldest events
 * rather than holding memory without limit. Subscriptions are live hints; the lists they relate to
 * (notifications, comments) remain the record.
 */
export class EventStream<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private readonly waiting: ((result: IteratorResult<T>) => void)[] = [];
  private ended = false;
  dropped = 0;

  constructor(
    private readonly detach: () => void,
    private readonly capacity = 1000,
  ) {}

  /** Called by the bus for each event on the topic. */
  push(value: T): void {
    if (this.ended) return;
    const consumer = this.waiting.shift();
    if (consumer) return consumer({ value, done: false });
    if (this.queue.length >= this.capacity) {
      this.queue.shift();
      this.dropped += 1;
    }
    this.queue.push(value);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length) return Promise.resolve({ value: this.queue.shift() as T, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.end();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  get closed(): boolean {
    return this.ended;
  }

  /** Ends the stream: pending and later `next()` calls resolve as done. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.queue.length = 0;
    this.waiting.splice(0).forEach((resolve) => resolve({ value: undefined, done: true }));
    this.detach();
  }
}
