import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Every metric's name starts with this. */
export const PREFIX = 'intersessional_';

/**
 * The process' Prometheus registry (prom-client): Node's own figures (event-loop lag, heap, GC,
 * handles) plus what each bounded context registers through `counter`, `gauge` and `histogram`.
 * One registry per application instance, not prom-client's global one, so test apps in one process
 * never share figures.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  constructor() {
    // the event-loop delay is sampled 5 times a second: every block still delays a pending sample, and
    // prom-client's default (every 10 ms) alone cost about 1 % of a core on an idle server
    collectDefaultMetrics({ register: this.registry, prefix: PREFIX, eventLoopMonitoringPrecision: 200 });
  }

  counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return new Counter({ name: PREFIX + name, help, labelNames, registers: [this.registry] });
  }

  /** A gauge read when scraped (`collect`), or set by its owner. */
  gauge<L extends string>(name: string, help: string, collect?: (gauge: Gauge<L>) => void, labelNames: readonly L[] = []): Gauge<L> {
    return new Gauge({
      name: PREFIX + name,
      help,
      labelNames,
      registers: [this.registry],
      ...(collect ? { collect(this: Gauge<L>) { collect(this); } } : {}),
    });
  }

  histogram<L extends string>(name: string, help: string, buckets: number[], labelNames: readonly L[] = []): Histogram<L> {
    return new Histogram({ name: PREFIX + name, help, buckets, labelNames, registers: [this.registry] });
  }

  /** The text a Prometheus scrape gets. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
