// A stand-in for the service during bench:api's load-generator warm-up: it answers every request
// at once with a verdict-sized body, so autocannon's request and response paths get compiled by V8
// without touching the service. It runs in its own process, stopped before the measured load.
import http from 'node:http';

const reply = JSON.stringify({ valid: true, holder: `0x${'0'.repeat(40)}`, audience: 'https://stand-in.invalid', credentials: [], reasons: [] });
const server = http.createServer((request, response) => {
  request.resume();
  request.on('end', () => response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(reply));
});
// The service's backlog (server.ts): 1,000 connections opening at once must not overflow the accept queue.
server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => console.log(server.address().port));
