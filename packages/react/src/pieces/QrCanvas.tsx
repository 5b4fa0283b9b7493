import { useEffect, useRef } from 'react';
import QRCode from 'qrcode';
import { cx } from '../cx.js';

/** Props of {@link QrCanvas}. */
export interface QrCanvasProps {
  /** What the QR encodes (the request's `deepLink`). */
  value: string;
  /** Accessible name: say what to do and include the code, e.g. "Scan with the PASSID app. Code AB3X-7YQM". */
  label: string;
  /** Target edge length in CSS pixels; the stylesheet caps it to the container. @default 232 */
  size?: number;
  /** Dark module colour. @default '#000' */
  dark?: string;
  /** Light module and quiet-zone colour. @default '#fff' */
  light?: string;
  className?: string;
  /** Called when drawing fails (value too long for a QR code). */
  onError?: (error: Error) => void;
}

/** Quiet zone, in modules (the QR standard asks for 4). */
const MARGIN = 4;

/**
 * Draws `value` as a QR code on a `<canvas>` with the `qrcode` library (error correction M,
 * 4-module quiet zone). The bitmap uses an integer number of device pixels per module, so
 * it stays crisp on HiDPI screens; the canvas is `role="img"` with `label` as its name.
 */
export function QrCanvas({ value, label, size = 232, dark = '#000', light = '#fff', className, onError }: QrCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    try {
      const modules = QRCode.create(value, { errorCorrectionLevel: 'M' }).modules.size + 2 * MARGIN;
      const dpr = Math.min(Math.max(globalThis.devicePixelRatio || 1, 1), 4);
      const scale = Math.max(1, Math.round((size * dpr) / modules));
      QRCode.toCanvas(canvas, value, { errorCorrectionLevel: 'M', margin: MARGIN, scale, color: { dark, light } }, (error) => {
        if (error) return onErrorRef.current?.(error);
        // qrcode sets a pixel width/height; the stylesheet sizes the canvas (CSS px) instead.
        canvas.style.width = '';
        canvas.style.height = '';
        canvas.style.setProperty('--passid-qr-size', `${Math.round((modules * scale) / dpr)}px`);
      });
    } catch (e) {
      onErrorRef.current?.(e as Error);
    }
  }, [value, size, dark, light]);

  return <canvas ref={ref} role="img" aria-label={label} className={cx('passid-qr', className)} />;
}
