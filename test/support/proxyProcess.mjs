// A forward / CONNECT proxy (the `proxy` package) on a free loopback port, in its own process.
// Prints its URL on the first line, then one line per request it carries: "GET http://…" or
// "CONNECT host:port", so tests can see what went through it.
import { createServer } from 'node:http';
import { createProxy } from 'proxy';

const server = createProxy(createServer());
server.on('request', (request) => process.stdout.write(`${request.method} ${request.url}\n`));
server.on('connect', (request) => process.stdout.write(`CONNECT ${request.url}\n`));
server.listen(0, '127.0.0.1', () => process.stdout.write(`http://127.0.0.1:${server.address().port}\n`));
process.on('SIGTERM', () => process.exit(0));
