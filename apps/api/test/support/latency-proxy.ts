import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';

/**
 * A loopback TCP proxy that delays every chunk by `delayMs` in each direction, in order: a client
 * "on another continent" for tests. Used for live editing over WebSockets.
 */
export async function startLatencyProxy(target: URL, delayMs: number): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const pipeDelayed = (from: Socket, to: Socket) => {
    from.on('data', (chunk: Buffer) => setTimeout(() => to.writable && to.write(chunk), delayMs));
    from.on('end', () => setTimeout(() => to.end(), delayMs));
    from.on('error', () => to.destroy());
  };
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    [client, upstream].forEach((s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    pipeDelayed(client, upstream);
    pipeDelayed(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}
