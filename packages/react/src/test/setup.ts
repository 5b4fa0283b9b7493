/**
 * Setup of the `react` test project (jsdom).
 *
 * jsdom has no canvas: `getContext('2d')` returns null, so `qrcode.toCanvas` would throw.
 * When no real context exists, this supplies a tiny 2D context that really stores pixels
 * (`createImageData` / `putImageData` / `getImageData` / `clearRect`), which is all `qrcode`
 * draws with — so a test can decode the drawn pixels with jsQR honestly.
 */
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';

afterEach(() => cleanup());

interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

const buffers = new WeakMap<HTMLCanvasElement, Pixels>();

/** The canvas's pixel buffer; a size change clears it, as on a real canvas. */
function pixelsOf(canvas: HTMLCanvasElement): Pixels {
  let px = buffers.get(canvas);
  if (!px || px.width !== canvas.width || px.height !== canvas.height) {
    px = {
      width: canvas.width,
      height: canvas.height,
      data: new Uint8ClampedArray(canvas.width * canvas.height * 4),
    };
    buffers.set(canvas, px);
  }
  return px;
}

function imageData(width: number, height: number, data?: Uint8ClampedArray) {
  return { width, height, colorSpace: 'srgb', data: data ?? new Uint8ClampedArray(width * height * 4) };
}

function fakeContext(canvas: HTMLCanvasElement) {
  return {
    canvas,
    createImageData: (w: number, h: number) => imageData(w, h),
    putImageData(img: { width: number; height: number; data: Uint8ClampedArray }, dx: number, dy: number) {
      const px = pixelsOf(canvas);
      for (let y = 0; y < img.height; y++) {
        const ty = y + dy;
        if (ty < 0 || ty >= px.height) continue;
        for (let x = 0; x < img.width; x++) {
          const tx = x + dx;
          if (tx < 0 || tx >= px.width) continue;
          const s = (y * img.width + x) * 4;
          px.data.set(img.data.subarray(s, s + 4), (ty * px.width + tx) * 4);
        }
      }
    },
    getImageData(sx: number, sy: number, w: number, h: number) {
      const px = pixelsOf(canvas);
      const out = imageData(w, h);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const fx = x + sx;
          const fy = y + sy;
          if (fx < 0 || fy < 0 || fx >= px.width || fy >= px.height) continue;
          const s = (fy * px.width + fx) * 4;
          out.data.set(px.data.subarray(s, s + 4), (y * w + x) * 4);
        }
      }
      return out;
    },
    clearRect(x: number, y: number, w: number, h: number) {
      const px = pixelsOf(canvas);
      for (let ty = Math.max(0, y); ty < Math.min(px.height, y + h); ty++) {
        px.data.fill(0, (ty * px.width + Math.max(0, x)) * 4, (ty * px.width + Math.min(px.width, x + w)) * 4);
      }
    },
  };
}

const proto = globalThis.HTMLCanvasElement?.prototype;
if (proto) {
  const probe = document.createElement('canvas');
  let real: unknown = null;
  try {
    // jsdom without the `canvas` package reports "not implemented" and returns null.
    const original = console.error;
    console.error = () => {};
    try {
      real = probe.getContext('2d');
    } finally {
      console.error = original;
    }
  } catch {
    real = null;
  }
  if (!real) {
    const contexts = new WeakMap<HTMLCanvasElement, ReturnType<typeof fakeContext>>();
    Object.defineProperty(proto, 'getContext', {
      configurable: true,
      value(this: HTMLCanvasElement, kind: string) {
        if (kind !== '2d') return null;
        let ctx = contexts.get(this);
        if (!ctx) contexts.set(this, (ctx = fakeContext(this)));
        return ctx;
      },
    });
  }
}
