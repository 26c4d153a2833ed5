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

/** The reporting export job; Intercom's finished status is `complete`. */
export function presentReportingExport(row: JobRow, baseUrl: string) {
  const done = row.status === "completed" || row.status === "no_data";
  return {
    job_identifier: row.identifier,
    status: done ? "complete" : row.status,
    download_url: done ? `${baseUrl}/download/reporting_data/${row.identifier}` : "",
    download_expires_at: done && row.completed_at != null ? String(Number(row.completed_at) + DOWNLOAD_TTL_S) : "",
  };
}

export function presentDatasets(datasets: Array<{ id: string; name: string; description: string; default_time_attribute_id: string; attributes: Array<{ id: string; name: string }> }>) {
  return {
    type: "list",
    data: datasets.map((d) => ({
      id: d.id,
      name: d.name,
      description: d.description,
      default_time_attribute_id: d.default_time_attribute_id,
      attributes: d.attributes.map((a) => ({ id: a.id, name: a.name })),
    })),
  };
}
