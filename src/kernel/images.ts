import { createHash } from 'node:crypto';
import { imageSize } from 'image-size';
import { Problem } from './problem.ts';

/** The photo formats the platform stores and serves: what browsers show everywhere, and no SVG (it can carry script). */
export const IMAGE_TYPES = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif' } as const;
export type ImageContentType = (typeof IMAGE_TYPES)[keyof typeof IMAGE_TYPES];
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
/** A side longer than this is refused: a photo for a page, not a poster (and no decompression bomb). */
export const IMAGE_MAX_SIDE = 8000;

export interface CheckedImage {
  contentType: ImageContentType;
  width: number;
  height: number;
  size: number;
  sha256: string;
}

const refuse = (ko: string, en: string) => new Problem('validation', { ko, en }, [{ path: 'file', messages: { ko, en } }]);

/**
 * What an uploaded image is, read from its bytes (the declared Content-Type is not trusted): JPEG, PNG,
 * WebP or GIF of at most 5 MB and 8000 pixels a side. Refuses anything else with a field-level message.
 */
export function checkImage(bytes: Buffer): CheckedImage {
  if (!bytes.length) throw refuse('사진 파일이 비어 있습니다', 'The photo file is empty');
  if (bytes.length > IMAGE_MAX_BYTES) throw refuse('사진은 5MB 이하로 올려 주세요', 'A photo is at most 5 MB');
  let found: { type?: string; width: number; height: number };
  try {
    found = imageSize(bytes);
  } catch {
    throw refuse('사진 파일이 아닙니다 (JPEG, PNG, WebP, GIF)', 'Not a photo file (JPEG, PNG, WebP or GIF)');
  }
  const contentType = IMAGE_TYPES[found.type as keyof typeof IMAGE_TYPES] as ImageContentType | undefined;
  if (!contentType) throw refuse(`이 형식은 올릴 수 없습니다: ${found.type ?? '알 수 없음'} (JPEG, PNG, WebP, GIF)`, `This format cannot be uploaded: ${found.type ?? 'unknown'} (JPEG, PNG, WebP or GIF)`);
  if (!(found.width > 0 && found.height > 0)) throw refuse('사진의 크기를 읽을 수 없습니다', 'The photo has no readable size');
  if (found.width > IMAGE_MAX_SIDE || found.height > IMAGE_MAX_SIDE) throw refuse('사진은 가로·세로 8000픽셀 이하로 올려 주세요', 'A photo is at most 8000 pixels a side');
  return { contentType, width: found.width, height: found.height, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}
