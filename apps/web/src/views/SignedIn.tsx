import { useCallback, useState, type ReactNode } from 'react';
import type { MessageSigner } from '../keys/injectedWallet.js';
import { signIn, type Session } from '../service/session.js';
import { KeyPicker } from './KeyPicker.js';

/** Shows the key picker until the user has signed in, then `children` with the session. */
export function SignedIn({ children }: { children: (session: Session) => ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [error, setError] = useState<string | null>(null);
  const open = useCallback((signer: MessageSigner) => {
    setError(null);
    signIn(signer).then(setSession, (e: Error) => setError(e.message));
  }, []);
  return (
    <>
      {session ? children(session) : <KeyPicker onSigner={open} />}
      {error && <p role="alert" className="error">{error}</p>}
    </>
  );
}
