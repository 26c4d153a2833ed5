// Request shapes of POST /data_attributes and PUT /data_attributes/{id}: the routes validate with them,
// the service is typed by them. Every field is checked by the service, not here, so that a wrong value
// gets the contract's own message (e.g. "Data Type isn't an option") rather than a schema error.
import { Type, type Static } from "typebox";

const Checked = Type.Optional(Type.Unknown());
export const CreateDataAttributeBody = Type.Object({
  name: Checked,
  model: Checked,
  data_type: Checked,
  description: Checked,
  options: Checked,
  messenger_writable: Checked,
});
export type CreateDataAttributeInput = Static<typeof CreateDataAttributeBody>;

/** An update changes description, messenger_writable, options and archived; name, model and data_type are refused when they differ. */
export const UpdateDataAttributeBody = Type.Object({
  archived: Checked,
  description: Checked,
  messenger_writable: Checked,
  options: Checked,
  data_type: Checked,
  name: Checked,
  model: Checked,
});
export type UpdateDataAttributeInput = Static<typeof UpdateDataAttributeBody>;
