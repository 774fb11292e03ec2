// Refuses a request body over the upload cap before anything reads it (413, in Vietnamese), for
// every page that takes a file.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { html } from 'hono/html';
import { uploadTooLargeMessage } from '../../services/upload-size.ts';
import { page } from './layout.ts';

/** Room for the form's other fields and the multipart boundaries around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

export function uploadLimit(maxUploadBytes: number, backTo: string): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxUploadBytes + FORM_OVERHEAD_BYTES,
    onError: (c) =>
      c.html(
        page(
          { title: 'Tệp quá lớn' },
          html`<p>${uploadTooLargeMessage(maxUploadBytes)} Chưa ghi gì. <a href="${backTo}">Quay lại</a></p>`,
        ),
        413,
      ),
  });
}
