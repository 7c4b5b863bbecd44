import { toString as qrSvg } from 'qrcode';
import { useAsync } from '../hooks/useAsync.js';

/** The request link as a QR code (SVG, drawn here): a holder's phone scans it to open the wallet on it. */
export function RequestQrCode({ link }: { link: string }) {
  const svg = useAsync(() => qrSvg(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }), [link]);
  if (svg.status === 'loading') return <p role="status">Drawing the code…</p>;
  if (svg.status === 'error') return <p role="alert" className="error">The link is too long for a QR code; send the link instead.</p>;
  return <img className="qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.value)}`} alt="QR code of the request link: scan it with the wallet on your phone" width={240} height={240} />;
}
