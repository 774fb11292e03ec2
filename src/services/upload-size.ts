// The one message for a file over the web console's upload cap (WEB_UPLOAD_MAX_MB), whichever
// page took it: the pages refuse it unread, the services check the exact size again.
export function uploadTooLargeMessage(maxBytes: number): string {
  return `Tệp quá lớn: chỉ nhận tệp đến ${uploadCapText(maxBytes)} (WEB_UPLOAD_MAX_MB). Hãy bỏ bớt các trang tính không cần rồi tải lên lại.`;
}

/** "10 MB", "0,1 MB": the cap as both upload pages show it. */
export function uploadCapText(maxBytes: number): string {
  return `${(maxBytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}
