// The example site: `npm start -w @identree/sign-in-with-identree` beside an Identree service
// started with OIDC_CLIENTS=examples/sign-in-with-identree/clients.json.
import { startRelyingParty } from './relyingParty.js';

const { url } = await startRelyingParty({
  issuer: process.env.IDENTREE_URL ?? 'http://127.0.0.1:8080',
  clientId: process.env.CLIENT_ID ?? 'example-site',
  clientSecret: process.env.CLIENT_SECRET ?? 'example-site-secret-change-me',
  port: Number(process.env.PORT ?? 3000),
});
console.log(`Example site on ${url}: click "Sign in with Identree"`);
