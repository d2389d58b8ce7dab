/**
 * A QR code drawn in the browser (the `qrcode` package's SVG renderer), shown as an <img> so
 * it prints sharply at any size and needs no HTML injection. The package is loaded only when a
 * page draws a code (its own small chunk), so the app's first load on a slow connection stays
 * as it was. The address is also printed in words by the caller, for anyone without a scanner.
 */
import { useEffect, useState } from 'react';

export function QrCode({ url, label, size = 160 }: { url: string; label: string; size?: number }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    import('qrcode')
      .then(({ default: QRCode }) =>
        QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
      )
      .then((text) => {
        if (live) setSvg(text);
      })
      .catch(() => {
        if (live) setSvg(null);
      });
    return () => {
      live = false;
    };
  }, [url]);
  if (!svg)
    return <span className="qr-code qr-code-pending" style={{ width: size, height: size }} />;
  return (
    <img
      className="qr-code"
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
      alt={label}
      width={size}
      height={size}
      data-testid="qr-code"
      data-url={url}
    />
  );
}
