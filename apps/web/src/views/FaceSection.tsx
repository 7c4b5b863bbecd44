import '../nodeGlobals.js';
import { useState } from 'react';
import { oneFace, type DecodedImage } from '@identree/biometrics/browser';
import type { Address } from 'viem';
import { useAsync } from '../hooks/useAsync.js';
import { loadFaceEngine } from '../face/faceEngine.js';
import { faceErrorWords } from '../face/faceWords.js';
import { observeFrames } from '../face/observeFrames.js';
import { eraseFaceTemplate, fetchFaceStatus, storeFaceTemplate } from '../service/face.js';
import type { Session } from '../service/session.js';
import { FaceCamera } from './FaceCamera.js';

/**
 * Face sign-in in the wallet: enroll, replace or erase the face template. The picture is turned into a
 * template in this page and encrypted here to the holder's key; Identree keeps only what it cannot open.
 */
export function FaceSection({ session, identity }: { session: Session; identity: Address }) {
  const [version, setVersion] = useState(0);
  const status = useAsync(() => fetchFaceStatus(identity), [identity, version]);
  const [camera, setCamera] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const start = (words: string) => (setBusy(words), setError(null), setDone(null));
  const fail = (e: unknown) => (setBusy(null), setCamera(false), setError(faceErrorWords(e)));

  if (!session.signer.local) {
    return (
      <section aria-labelledby="face-heading" className="card">
        <h2 id="face-heading">Sign in with your face</h2>
        <p>Face sign-in needs a key kept in this browser: a wallet extension cannot open your encrypted face template. Open your key here to enroll your face.</p>
      </section>
    );
  }
  if (status.status === 'loading') return <p role="status">Reading your face sign-in…</p>;
  if (status.status === 'error') return <p role="alert" className="error">{status.error.message}</p>;
  const enrolled = status.value.status === 'enrolled';

  const enroll = async (frames: DecodedImage[]) => {
    setCamera(false);
    try {
      start('Finding your face…');
      const engine = await loadFaceEngine();
      const faces = await observeFrames(engine, frames, () => {});
      const face = oneFace(faces.find((f) => f.length === 1) ?? faces[0] ?? []);
      start('Encrypting your face template in this page and signing the record…');
      await storeFaceTemplate(session, { identity, embedding: face.embedding, model: engine.model, status: status.value });
      setBusy(null);
      setDone(enrolled ? 'Done: your new face replaces the old one, which can no longer be used.' : 'Done: you can now sign in by looking at your camera.');
      setVersion((v) => v + 1);
    } catch (e) {
      fail(e);
    }
  };
  const erase = async () => {
    try {
      start('Erasing your face template…');
      await eraseFaceTemplate(session, { identity, status: status.value });
      setBusy(null);
      setDone('Done: nobody can open any copy of your face template now, since its keys are destroyed.');
      setVersion((v) => v + 1);
    } catch (e) {
      fail(e);
    }
  };

  return (
    <section aria-labelledby="face-heading" className="card">
      <h2 id="face-heading">Sign in with your face</h2>
      {enrolled ? (
        <p>Your face is enrolled (version {status.value.templateVersion}). Sites can let you sign in by looking at your camera; your key still signs each sign-in.</p>
      ) : (
        <p>
          {status.value.status === 'erased' ? 'Your face template was erased. ' : 'No face is enrolled yet. '}
          Enroll your face to sign in by looking at your camera. The picture is turned into a face template in this page and encrypted to your key; Identree keeps only the
          encrypted copy, which it cannot open, and the chain records only a fingerprint of it.
        </p>
      )}
      {camera && <FaceCamera steps={null} onFrames={(f) => void enroll(f)} onError={fail} onCancel={() => setCamera(false)} />}
      {!camera && (
        <>
          <button type="button" disabled={busy !== null} onClick={() => (setCamera(true), setError(null), setDone(null), void loadFaceEngine().catch(() => {}))}>
            {enrolled ? 'Replace my face' : 'Enroll my face'}
          </button>
          {enrolled && (
            <button type="button" className="danger" disabled={busy !== null} onClick={() => void erase()}>Erase my face</button>
          )}
        </>
      )}
      {busy && <p role="status">{busy}</p>}
      {done && <p role="status" className="done">{done}</p>}
      {error && <p role="alert" className="error">{error}</p>}
    </section>
  );
}
