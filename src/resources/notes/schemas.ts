// Request shape of POST /contacts/{id}/notes and POST /companies/{id}/notes: the routes validate with it,
// the service is typed by it.
import { Type, type Static } from "typebox";

export const NoteBody = Type.Object({ body: Type.String({ maxLength: 65_536 }), admin_id: Type.Optional(Type.Union([Type.String(), Type.Integer(), Type.Null()])) });
export type NoteInput = Static<typeof NoteBody>;
