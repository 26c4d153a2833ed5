// Request shape of opencom's POST /_opencom/segments (src/resources/opencom/segments.ts): the route
// validates with it, the service is typed by it (name and query are checked by the service).
import { Type, type Static } from "typebox";

export const SegmentBody = Type.Object({ name: Type.Unknown(), person_type: Type.Optional(Type.String()), query: Type.Optional(Type.Unknown()) });
export type SegmentInput = Static<typeof SegmentBody>;
