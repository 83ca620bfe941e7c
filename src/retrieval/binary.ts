/** Cheap binary detection: a known binary extension, or a NUL byte / many control bytes in the head. */
import { open } from 'node:fs/promises';
import { extname } from 'node:path';

const BINARY_EXTENSIONS = new Set(
  (
    'png jpg jpeg gif bmp ico webp avif tif tiff psd pdf zip gz tgz bz2 xz 7z rar zst jar war ' +
    'exe dll so dylib a o obj lib class pyc pyo wasm node bin dat db sqlite sqlite3 ' +
    'woff woff2 ttf otf eot mp3 mp4 m4a wav ogg flac mov avi mkv webm iso dmg'
  ).split(' '),
);

export const HEAD_BYTES = 8192;

export function hasBinaryExtension(path: string): boolean {
  return BINARY_EXTENSIONS.has(extname(path).slice(1).toLowerCase());
}

/** True when the bytes look like binary data rather than text (UTF-8, Latin-1...). */
export function looksBinary(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    // Tab, LF, FF, CR and ESC are common in text; other C0 bytes are not.
    if (byte < 32 && byte !== 9 && byte !== 10 && byte !== 12 && byte !== 13 && byte !== 27) control++;
  }
  return control / head.length > 0.1;
}

export async function readHead(absPath: string, bytes = HEAD_BYTES): Promise<Uint8Array> {
  const handle = await open(absPath, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
