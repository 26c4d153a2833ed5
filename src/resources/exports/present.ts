// Export jobs as Intercom presents them.
import type { JobRow } from "./service.js";
import { DOWNLOAD_TTL_S } from "./service.js";

/** data_export: download_url and download_expires_at are "" until the job completes. */
export function presentContentExport(row: JobRow, baseUrl: string) {
  const done = row.status === "completed" || row.status === "no_data";
  return {
    job_identifier: row.identifier,
    status: row.status,
    download_url: done ? `${baseUrl}/download/content/data/${row.identifier}` : "",
    download_expires_at: done && row.completed_at != null ? String(Number(row.completed_at) + DOWNLOAD_TTL_S) : "",
  };
}
