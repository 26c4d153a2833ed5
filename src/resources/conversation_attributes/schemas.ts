// Request shapes of /conversations/attributes and its options: the routes validate with them, the service
// is typed by them (values are checked again by the service, with its own messages).
import { Type, type Static } from "typebox";

export const MAX_OPTIONS = 500;

const Opt = Type.Optional;
const TeamIds = Type.Array(Type.Union([Type.String(), Type.Integer()]), { maxItems: 100 });
const Reference = Type.Object({ type: Type.String(), object_type_id: Opt(Type.String()) });
const Common = {
  name: Opt(Type.String()),
  description: Opt(Type.String({ maxLength: 1000 })),
  required: Opt(Type.Boolean()),
  multiline: Opt(Type.Boolean()),
  visible_to_team_ids: Opt(TeamIds),
  reference: Opt(Reference),
  data_type: Opt(Type.String()),
};
export const CreateAttributeBody = Type.Object({ ...Common, options: Opt(Type.Array(Type.Object({ label: Opt(Type.String()) }), { maxItems: MAX_OPTIONS })) });
export type CreateAttributeInput = Static<typeof CreateAttributeBody>;
/** An update takes the fields of a create but the options (managed by the options routes). */
export const UpdateAttributeBody = Type.Object(Common);
export type UpdateAttributeInput = Static<typeof UpdateAttributeBody>;
export const OptionBody = Type.Object({ label: Type.String() });
export type OptionInput = Static<typeof OptionBody>;
