// Request shapes of /ticket_types and its attributes: the routes validate with them, the service is
// typed by them.
import { Type, type Static } from "typebox";

const Str = (max = 255) => Type.Optional(Type.String({ maxLength: max }));
const Bool = Type.Optional(Type.Boolean());
export const TicketTypeBody = Type.Object({
  name: Str(),
  description: Str(1000),
  category: Str(),
  icon: Str(64),
  is_internal: Bool,
  archived: Bool,
});
export type TicketTypeInput = Static<typeof TicketTypeBody>;
export const AttributeBody = Type.Object({
  name: Str(),
  description: Str(1000),
  data_type: Str(),
  required_to_create: Bool,
  required_to_create_for_contacts: Bool,
  visible_on_create: Bool,
  visible_to_contacts: Bool,
  multiline: Bool,
  list_items: Str(10_000),
  allow_multiple_values: Bool,
  archived: Bool,
});
export type AttributeInput = Static<typeof AttributeBody>;
