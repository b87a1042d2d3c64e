/**
 * What the relay's attachment store accepts (ATTACH-1): photos (JPEG, PNG, WebP) and PDF
 * certificates, at most MAX_ATTACHMENT_BYTES, the type told by the bytes themselves, never by the
 * name or the declared Content-Type. Shared so a till can refuse a file before sending it.
 */

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** A SHA-256 in lower-case hex: how an attachment is named (`imageRefs` of a piece hold these). */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0): boolean =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/** The type the bytes are, by their signature, or undefined when they are none of ours. */
export function sniffAttachmentType(bytes: Uint8Array): AttachmentType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  return undefined;
}

export const isImageType = (type: string): boolean => type.startsWith('image/');

/** The answer to an upload: the attachment's name and what it is. */
export type AttachmentInfo = {
  readonly sha256: string;
  readonly contentType: AttachmentType;
  readonly size: number;
  /** Whether the relay made a thumbnail (images; not PDFs). */
  readonly thumbnail: boolean;
  /** False when these bytes were already stored (by this store or another): stored once (ATTACH-3). */
  readonly created: boolean;
};
