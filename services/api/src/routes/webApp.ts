import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';

// The page holds keys: it loads nothing but its own files, and no other site may frame it (clickjacking a signature).
const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * The web app (apps/web, built by Vite into WEB_APP_DIR) at /app, same origin as the API. Every
 * page path answers the app's index.html, which routes on the client.
 */
export const webAppRoutes: FastifyPluginAsync<{ root: string }> = async (app, { root }) => {
  const headers = (reply: FastifyReply) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
  };
  await app.register(fastifyStatic, { root, prefix: '/app/', index: ['index.html'], setHeaders: headers, schemaHide: true });
  app.get('/app', { schema: { hide: true } }, (_request, reply) => reply.redirect('/app/', 301));
  for (const page of ['/app/oidc/login', '/app/wallet', '/app/government', '/app/issuer', '/app/verifier', '/app/enrollment-tasks', '/app/enrollment']) {
    app.get(page, { schema: { hide: true } }, (_request, reply) => {
      headers(reply);
      return reply.header('cache-control', 'no-store').sendFile('index.html');
    });
  }
};
