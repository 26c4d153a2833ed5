// Request shapes of POST /export/content/data and POST /export/reporting_data/enqueue: the routes validate
// with them, the service is typed by them.
import { Type, type Static } from "typebox";

// a time is unix seconds; a string of them is taken too (the service reads both)
const Time = Type.Union([Type.Integer(), Type.String({ maxLength: 20 })]);

export const ContentExportBody = Type.Object({ created_at_after: Type.Optional(Time), created_at_before: Type.Optional(Time) });
export type ContentExportInput = Static<typeof ContentExportBody>;

export const ReportingExportBody = Type.Object({
  // checked by the service (dataset and attribute ids of DATASETS, with their own messages)
  dataset_id: Type.Optional(Type.Unknown()),
  attribute_ids: Type.Optional(Type.Unknown()),
  start_time: Type.Optional(Time),
  end_time: Type.Optional(Time),
});
export type ReportingExportInput = Static<typeof ReportingExportBody>;
