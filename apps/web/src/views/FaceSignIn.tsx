import '../nodeGlobals.js';
import { useState } from 'react';
import type { DecodedImage, LivenessStep } from '@identree/biometrics/browser';
import type { Address } from 'viem';
import type { MessageSigner } from '../keys/injectedWallet.js';
import { loadFaceEngine } from '../face/faceEngine.js';
import { faceErrorWords } from '../face/faceWords.js';
import { observeFrames } from '../face/observeFrames.js';
import { proveFace, requestFaceChallenge, type FaceChallenge, type FaceLoginProof } from '../service/face.js';
import { FaceCamera } from './FaceCamera.js';

/**
 * Face sign-in on this device: a fresh challenge from the service, its steps performed before the camera,
 * then the match and the liveness check here, where the key is; `onProof` sends the signed result.
 */
export function FaceSignIn({ signer, identity, action, onProof, onCancel }: {
  signer: MessageSigner;
  identity: Address;
  /** What the button does, in words ("Sign in with my face"). */
  action: string;
  onProof: (proof: FaceLoginProof) => Promise<void>;
  onCancel?: () => void;
}) {
  const [challenge, setChallenge] = useState<FaceChallenge | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fail = (e: unknown) => (setBusy(null), setChallenge(null), setError(faceErrorWords(e)));

  if (!signer.local) {
    return <p className="error" role="alert">Face sign-in needs a key kept in this browser: a wallet extension cannot open your encrypted face template.</p>;
  }
  const begin = async () => {
    setError(null);
    setBusy('Asking Identree for your steps…');
    try {
      const c = await requestFaceChallenge(signer, identity);
      // the engine loads while the steps are performed; with the anti-spoof models if the service's policy asks for them
      void loadFaceEngine({ spoofGate: c.challenge.spoofGate !== undefined }).catch(() => {});
      setChallenge(c);
      setBusy(null);
    } catch (e) {
      fail(e);
    }
  };
  const check = async (c: FaceChallenge, frames: DecodedImage[]) => {
    setChallenge(null);
    try {
      setBusy('Loading the face models…');
      const engine = await loadFaceEngine({ spoofGate: c.challenge.spoofGate !== undefined });
      const observations = await observeFrames(engine, frames, (done) => setBusy(`Checking your face in this browser (picture ${done} of ${frames.length})…`));
      setBusy('Signing in…');
      await onProof(await proveFace(signer, c, observations, engine.model));
      setBusy(null);
    } catch (e) {
      fail(e);
    }
  };

  return (
    <div className="face-sign-in">
      {challenge ? (
        <FaceCamera steps={challenge.challenge.steps as LivenessStep[]} onFrames={(f) => void check(challenge, f)} onError={fail} onCancel={() => setChallenge(null)} />
      ) : (
        <>
          <p>Your camera checks that it is you, in this browser: your face is compared here with the face you enrolled, which only your key can open. Identree learns only whether it matched.</p>
          <button type="button" disabled={busy !== null} onClick={() => void begin()}>{error ? 'Try again' : action}</button>
          {onCancel && <button type="button" className="secondary" disabled={busy !== null} onClick={onCancel}>Back</button>}
        </>
      )}
      {busy && <p role="status">{busy}</p>}
      {error && <p role="alert" className="error">{error}</p>}
    </div>
  );
}
