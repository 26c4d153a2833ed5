// Table types of the toolkit area (see src/db/types.ts: DB extends every area's tables).
export interface ToolkitTables {}
