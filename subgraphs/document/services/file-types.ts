import { fileTypeFromBuffer } from 'file-type';

/**
 * The files a document may hold. Binary formats are checked against their magic bytes (a PNG
 * sent as `application/pdf` is refused); text formats must not look like a binary format.
 */
export const ACCEPTED_TYPES: Record<string, 'binary' | 'text'> = {
  'application/pdf': 'binary',
  'image/png': 'binary',
  'image/jpeg': 'binary',
  'image/gif': 'binary',
  'image/webp': 'binary',
  'application/zip': 'binary',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'binary',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'binary',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'binary',
  'text/plain': 'text',
  'text/csv': 'text',
  'text/markdown': 'text',
  'application/json': 'text',
};

/** The media type without parameters, lower-cased: `Text/CSV; charset=utf-8` is `text/csv`. */
export const bareType = (contentType: string | undefined) => (contentType ?? '').split(';')[0]!.trim().toLowerCase();

export const isAcceptedType = (mimeType: string) => Object.hasOwn(ACCEPTED_TYPES, bareType(mimeType));

/** How many leading bytes `contentMatches` needs to see. */
export const SNIFF_BYTES = 4_100;

/**
 * Whether the file's first bytes fit its declared type. An OOXML file is a ZIP, so a `.docx`
 * declared as `application/zip` is accepted, and a plain ZIP declared as a `.docx` is not.
 */
export async function contentMatches(mimeType: string, head: Buffer): Promise<boolean> {
  const declared = bareType(mimeType);
  const detected = (await fileTypeFromBuffer(head))?.mime;
  if (ACCEPTED_TYPES[declared] === 'text') return detected === undefined && !head.includes(0);
  if (declared === 'application/zip') return detected === 'application/zip' || (detected?.startsWith('application/vnd.openxmlformats') ?? false);
  return detected === declared;
}

/** The extension a download of this type gets when its name has none. */
export function extensionOf(mimeType: string): string {
  const map: Record<string, string> = { 'application/pdf': 'pdf', 'application/zip': 'zip', 'text/plain': 'txt', 'text/csv': 'csv', 'application/json': 'json', 'image/jpeg': 'jpg' };
  return map[bareType(mimeType)] ?? bareType(mimeType).split(/[/+.]/).pop() ?? 'bin';
}
