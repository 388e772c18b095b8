// Files a unit attaches to its 工作台账: PDF, Word or an image, by what the bytes are (file-type
// reads the magic numbers and, for .docx, the zip's parts), never by the name or the browser's
// word; capped in size; kept under the data home by their hash, so a name cannot choose a path.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';

/** What may be uploaded: detected type → the extension it is stored and served as. */
const ACCEPTED: Record<string, { ext: string; names: RegExp }> = {
  'application/pdf': { ext: 'pdf', names: /\.pdf$/i },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    ext: 'docx',
    names: /\.docx$/i,
  },
  // Word 97–2003 and WPS files are OLE compound files.
  'application/x-cfb': { ext: 'doc', names: /\.(doc|wps)$/i },
  'image/png': { ext: 'png', names: /\.png$/i },
  'image/jpeg': { ext: 'jpg', names: /\.jpe?g$/i },
};

export const ACCEPTED_NAMES = 'PDF、Word（.docx/.doc）、PNG、JPG';

export interface StoredFile {
  name: string;
  type: string;
  size: number;
  sha256: string;
  path: string;
}

/** The stored file, or what is wrong with it in words. */
export async function keepUpload(
  dir: string,
  unitId: string,
  upload: { filename: string; data: Buffer; truncated: boolean },
  maxBytes: number,
): Promise<StoredFile | { problem: string }> {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 0)} MB`;
  if (upload.truncated || upload.data.length > maxBytes)
    return { problem: `文件「${upload.filename}」超过 ${mb(maxBytes)} 的上限，请压缩后再上传。` };
  if (upload.data.length === 0) return { problem: `文件「${upload.filename}」是空文件。` };
  const kind = await fileTypeFromBuffer(upload.data);
  const accepted = kind && ACCEPTED[kind.mime];
  if (!accepted || !accepted.names.test(upload.filename))
    return {
      problem:
        `文件「${upload.filename}」不是可接受的类型（${ACCEPTED_NAMES}）` +
        `${kind ? `：内容为 ${kind.ext}` : '：无法识别其内容'}，或扩展名与内容不符。`,
    };
  const sha256 = createHash('sha256').update(upload.data).digest('hex');
  const folder = join(dir, unitId);
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `${sha256}.${accepted.ext}`);
  writeFileSync(path, upload.data);
  const name = upload.filename.replace(/[\\/\u0000-\u001f]/g, '_').slice(-120);
  return { name, type: kind.mime, size: upload.data.length, sha256, path };
}
