import { useState, type ReactNode } from 'react';
import type { MessageSigner } from '../keys/injectedWallet.js';
import { useAsync } from '../hooks/useAsync.js';
import { postFaceLogin } from '../service/face.js';
import { fetchClaimsPreview } from '../service/oidc.js';
import type { Session } from '../service/session.js';
import { FaceSignIn } from './FaceSignIn.js';
import { KeyPicker } from './KeyPicker.js';

/** As SignedIn, by face: the key is opened first (it opens the face template and signs), then the camera. */
export function FaceSignedIn({ children }: { children: (session: Session) => ReactNode }) {
  const [signer, setSigner] = useState<MessageSigner | null>(null);
  const [session, setSession] = useState<Session | null>(null);
  if (session) return <>{children(session)}</>;
  if (!signer) return <KeyPicker onSigner={setSigner} />;
  return <FaceStep signer={signer} onSession={setSession} onBack={() => setSigner(null)} />;
}

function FaceStep({ signer, onSession, onBack }: { signer: MessageSigner; onSession: (s: Session) => void; onBack: () => void }) {
  const who = useAsync(() => fetchClaimsPreview(signer.address), [signer.address]);
  if (who.status === 'loading') return <p role="status">Reading your identity…</p>;
  if (who.status === 'error') return <p role="alert" className="error">{who.error.message}</p>;
  return (
    <section aria-labelledby="face-sign-in" className="card">
      <h2 id="face-sign-in">Sign in with your face</h2>
      <FaceSignIn
        signer={signer}
        identity={who.value.identity}
        action="Sign in with my face"
        onCancel={onBack}
        onProof={async (proof) => {
          const { accessToken, amr } = await postFaceLogin(proof);
          onSession({ signer, token: accessToken, amr });
        }}
      />
    </section>
  );
}
