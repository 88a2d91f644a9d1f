import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';

/**
 * A loopback TCP proxy that can go dark: `cut()` drops every connection and refuses new ones until
 * `restore()`, as a Redis host that reboots or a network partition would look to its clients.
 */
export async function startPausableProxy(targetHost: string, targetPort: number): Promise<{ port: number; cut(): void; restore(): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let dark = false;
  const server: Server = createServer((client) => {
    if (dark) return void client.destroy();
    const upstream = connect(targetPort, targetHost);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).on('error', () => undefined);
    upstream.pipe(client).on('error', () => undefined);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cut() {
      dark = true;
      sockets.forEach((socket) => socket.destroy());
    },
    restore() {
      dark = false;
    },
    close: () =>
      new Promise((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}
