// Writes at a constant rate through the service until stopped, for the failure scenarios: what
// happens to throughput while validators are down, and whether anything answered 2xx goes missing.
import { identityOps, submit, type SentOp } from './identityLoad.js';
import type { PoaService } from './poaService.js';
import type { Address } from 'viem';

export function steadyLoad(s: PoaService, { perSecond, firstNonce, registered }: { perSecond: number; firstNonce: number; registered: Address[] }) {
  const next = identityOps(s, firstNonce, registered);
  const answers: Promise<SentOp>[] = [];
  let stopped = false;
  const loop = (async () => {
    const start = Date.now();
    for (let i = 0; !stopped; i++) {
      const op = await next();
      const due = start + (i * 1000) / perSecond;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      answers.push(submit(s, op, 0));
    }
  })();
  return {
    /** Stops sending and resolves with every write's answer. */
    stop: async () => {
      stopped = true;
      await loop;
      return Promise.all(answers);
    },
  };
}
