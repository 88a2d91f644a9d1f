// Hocuspocus as a stand-alone server, the way its README starts one: no extensions, so no persistence
// (the Database extension would store debounced, by default 2 s after the last change and at most
// every 10 s). Started by the bench as its own process: PORT must be set.
import { Server } from '@hocuspocus/server';

const port = Number(process.env.PORT);
if (!port) throw new Error('PORT is required');

const server = new Server({ port, address: '127.0.0.1', quiet: true, stopOnSignals: true });
await server.listen();
