import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import jsQR from 'jsqr';
import QRCode from 'qrcode';
import { QrCanvas } from './QrCanvas.js';

function decode(canvas: HTMLCanvasElement) {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(new Uint8ClampedArray(data), canvas.width, canvas.height);
}

describe('QrCanvas', () => {
  const deepLink = 'passid://verify-request?r=req_AbCdEfGhIjKlMnOpQrSt&i=inst_demo';
  /** Modules across, quiet zone included, at error correction M. */
  const modules = QRCode.create(deepLink, { errorCorrectionLevel: 'M' }).modules.size + 8;

  it('draws a QR code that decodes back to exactly the deep link', () => {
    render(<QrCanvas value={deepLink} label="Scan with the PASSID app. Code AB3X-7YQM" />);
    const canvas = screen.getByRole('img', { name: /Scan with the PASSID app\. Code AB3X-7YQM/ });
    expect(canvas.tagName).toBe('CANVAS');
    const result = decode(canvas as HTMLCanvasElement);
    expect(result?.data).toBe(deepLink);
  });

  it('keeps a 4-module quiet zone of light pixels around the code', () => {
    render(<QrCanvas value={deepLink} label="QR" />);
    const canvas = screen.getByRole('img') as HTMLCanvasElement;
    const result = decode(canvas);
    expect(result).not.toBeNull();
    const moduleSize = canvas.width / modules;
    expect(Number.isInteger(moduleSize)).toBe(true);
    const ctx = canvas.getContext('2d')!;
    // The top band, 4 modules high, is all white; the 5th module row starts the finder pattern.
    const band = ctx.getImageData(0, 0, canvas.width, moduleSize * 4).data;
    expect(band.every((v) => v === 255)).toBe(true);
    const finder = ctx.getImageData(moduleSize * 4, moduleSize * 4, 1, 1).data;
    expect([...finder]).toEqual([0, 0, 0, 255]);
  });

  it('redraws when the value changes', () => {
    const { rerender } = render(<QrCanvas value={deepLink} label="QR" />);
    const next = 'passid://verify-request?r=req_ZYXWVUTSRQPONMLKJIHG&i=inst_demo';
    rerender(<QrCanvas value={next} label="QR" />);
    expect(decode(screen.getByRole('img') as HTMLCanvasElement)?.data).toBe(next);
  });

  it('uses whole device pixels per module on a HiDPI screen', () => {
    const before = window.devicePixelRatio;
    Object.defineProperty(window, 'devicePixelRatio', { configurable: true, value: 2 });
    try {
      render(<QrCanvas value={deepLink} label="QR" size={200} />);
      const canvas = screen.getByRole('img') as HTMLCanvasElement;
      expect(canvas.width % modules).toBe(0);
      expect(canvas.width / modules).toBe(Math.round(400 / modules));
      expect(decode(canvas)?.data).toBe(deepLink);
    } finally {
      Object.defineProperty(window, 'devicePixelRatio', { configurable: true, value: before });
    }
  });
});
