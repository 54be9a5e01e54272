import { createHash } from 'node:crypto';
import { imageSize } from 'image-size';
import { z } from 'zod';
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

/** Where an uploaded photo is served (the procurement module stores them: POST /api/v1/procurement/photos). */
export const PHOTO_PATH = '/api/v1/procurement/photos/';
const PHOTO_URL = /^\/api\/v1\/procurement\/photos\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
/** The photo id of an uploaded photo's url; null for anything else. */
export const photoIdOf = (url: string): string | null => PHOTO_URL.exec(url)?.[1] ?? null;

/**
 * A photo as offerings, bundles and shared resources give it: the url of a photo uploaded to sehub, and its description
 * for people who cannot see it. Whose photo it may be is the owning module's rule (photoErrors).
 */
export const photoInput = z.object({
  url: z
    .string()
    .max(200)
    .refine((s) => photoIdOf(s) !== null, {
      message: 'Upload the photo first (POST /api/v1/procurement/photos) and give the url it answers',
      params: { ko: '사진을 먼저 올린 뒤 그 주소를 적어 주세요' },
    })
    .describe('the url of a photo uploaded to sehub: /api/v1/procurement/photos/{id}'),
  alt: z
    .string()
    .trim()
    .max(300)
    .refine((s) => s.length > 0, { message: 'Describe the photo (alternative text)', params: { ko: '사진 설명(대체 텍스트)을 적어 주세요' } }),
});

/** A photo as the API answers it (offerings, bundles, shared resources, rooms). */
export const photoOutput = z.object({ url: z.string(), alt: z.string() });
