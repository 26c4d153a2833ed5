// Request shape of POST /conversations/{id}/merge: the route validates with it, the service is typed by it.
import { Type, type Static } from "typebox";

// the id is checked by the service (a non-numeric one is Intercom's parameter_invalid)
export const MergeConversationBody = Type.Object({ merge_into_conversation_id: Type.Optional(Type.Union([Type.Integer(), Type.String({ maxLength: 32 })])) });
export type MergeConversationInput = Static<typeof MergeConversationBody>;
