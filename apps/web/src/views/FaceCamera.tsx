import { useEffect, useRef, useState } from 'react';
import type { DecodedImage, LivenessStep } from '@identree/biometrics/browser';
import { closeCamera, grabFrame, openCamera } from '../face/camera.js';
import { STEP_WORDS } from '../face/faceWords.js';

/** How long each prompt shows, and how often a frame is taken while it does. */
const FACING_MS = 1_200;
const STEP_MS = 1_800;
const FRAME_EVERY_MS = 300;

type Prompt = { words: string; ms: number; step: LivenessStep | null };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The prompts a liveness challenge asks for, in words: facing first, and facing again after each step. */
export const livenessPrompts = (steps: LivenessStep[]): Prompt[] => [
  { words: 'Look straight at the camera', ms: FACING_MS, step: null },
  ...steps.flatMap((s) => [{ words: STEP_WORDS[s], ms: STEP_MS, step: s }, { words: 'Look straight at the camera again', ms: FACING_MS, step: null }]),
];

/**
 * The camera, with what to do in words. Without steps it takes a few pictures of the face (enrollment);
 * with a liveness challenge's steps it shows each step in turn and takes a frame every few hundred
 * milliseconds. The frames stay in this page; the camera is switched off when done or left.
 */
export function FaceCamera({ steps, onFrames, onError, onCancel }: {
  steps: LivenessStep[] | null;
  onFrames: (frames: DecodedImage[]) => void;
  onError: (error: unknown) => void;
  onCancel: () => void;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const [ready, setReady] = useState(false);
  const [prompt, setPrompt] = useState<string | null>(null);
  const [capturing, setCapturing] = useState(false);

  useEffect(() => {
    let live = true;
    openCamera(video.current!).then(
      (s) => (live ? ((stream.current = s), setReady(true)) : closeCamera(s)),
      (error: unknown) => live && onError(error),
    );
    return () => {
      live = false;
      closeCamera(stream.current);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const capture = async () => {
    setCapturing(true);
    const frames: DecodedImage[] = [];
    const canvas = document.createElement('canvas');
    const prompts = steps ? livenessPrompts(steps) : [{ words: 'Hold still and look at the camera', ms: 3 * FRAME_EVERY_MS, step: null }];
    for (const p of prompts) {
      setPrompt(p.words);
      for (let t = 0; t < p.ms; t += FRAME_EVERY_MS) {
        frames.push(grabFrame(video.current!, canvas));
        await sleep(FRAME_EVERY_MS);
      }
    }
    closeCamera(stream.current);
    stream.current = null;
    onFrames(frames);
  };

  return (
    <div className="camera">
      <video ref={video} muted playsInline aria-label="Your camera" />
      {!ready && <p role="status">Opening your camera…</p>}
      {ready && !capturing && (
        <>
          {steps ? (
            <>
              <p>When you press Start, do these steps one after the other, as the words under the picture say. Come back to facing the camera after each step.</p>
              <ol className="steps">
                {steps.map((s, i) => <li key={i}>{STEP_WORDS[s]}</li>)}
              </ol>
            </>
          ) : (
            <p>Face the camera in good light, alone in the picture, then press the button.</p>
          )}
          <button type="button" onClick={() => void capture()}>{steps ? 'Start' : 'Take my picture'}</button>
          <button type="button" className="secondary" onClick={onCancel}>Cancel</button>
        </>
      )}
      {capturing && prompt && <p className="prompt" role="status" aria-live="assertive">{prompt}</p>}
    </div>
  );
}
