import type { DecodedImage } from '@identree/biometrics/browser';

/** The camera could not be opened; the message says what the user can do about it. */
export class CameraError extends Error {
  override name = 'CameraError';
}

const WIDTH = 640;
const HEIGHT = 480;

/** Opens the front camera into `video`; a refusal or a missing camera is a CameraError in words. */
export async function openCamera(video: HTMLVideoElement): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) throw new CameraError('This browser cannot use a camera on this page. Open it over https, or in another browser.');
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { width: WIDTH, height: HEIGHT, facingMode: 'user' }, audio: false });
  } catch (error) {
    const name = (error as DOMException).name;
    if (name === 'NotAllowedError' || name === 'SecurityError') throw new CameraError('Camera access was refused. Allow the camera for this site in your browser, then try again.');
    if (name === 'NotFoundError' || name === 'OverconstrainedError') throw new CameraError('No camera was found. Connect a camera, then try again.');
    if (name === 'NotReadableError') throw new CameraError('The camera is in use by another program. Close it, then try again.');
    throw new CameraError(`The camera could not be opened (${(error as Error).message}).`);
  }
  video.srcObject = stream;
  await video.play();
  return stream;
}

export const closeCamera = (stream: MediaStream | null) => stream?.getTracks().forEach((t) => t.stop());

/** The video's current picture as packed RGB, the face port's input. */
export function grabFrame(video: HTMLVideoElement, canvas = document.createElement('canvas')): DecodedImage {
  const width = video.videoWidth;
  const height = video.videoHeight;
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(video, 0, 0, width, height);
  const rgba = context.getImageData(0, 0, width, height).data;
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    rgb[j] = rgba[i];
    rgb[j + 1] = rgba[i + 1];
    rgb[j + 2] = rgba[i + 2];
  }
  return { width, height, rgb };
}
