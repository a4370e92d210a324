import { encode } from "uqr";

/** A QR code as SVG (for an otpauth:// URI), drawn from uqr's module matrix; no HTML injection. */
export function QrCode({ value, label, size = 200 }: { value: string; label: string; size?: number }) {
  const qr = encode(value, { ecc: "M", border: 2 });
  let path = "";
  qr.data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) {
        path += `M${x},${y}h1v1h-1z`;
      }
    }),
  );
  return (
    <svg role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${qr.size} ${qr.size}`} shapeRendering="crispEdges" className="qr">
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
