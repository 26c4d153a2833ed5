// GET|POST /ticket_types, GET|PUT /ticket_types/{id}, POST /ticket_types/{ticket_type_id}/attributes,
// PUT /ticket_types/{ticket_type_id}/attributes/{id}, GET /ticket_states
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import {
  createTicketType,
  createTicketTypeAttribute,
  getTicketType,
  listTicketStates,
  listTicketTypes,
  updateTicketType,
  updateTicketTypeAttribute,
} from "./service.js";
import { presentTicketStateDetailed, presentTicketType, presentTicketTypeAttribute } from "./present.js";

const Id = Type.Object({ id: Type.String() });
const TypeId = Type.Object({ ticket_type_id: Type.String() });
const AttrIds = Type.Object({ ticket_type_id: Type.String(), id: Type.String() });
const Str = (max = 255) => Type.Optional(Type.String({ maxLength: max }));
const Bool = Type.Optional(Type.Boolean());
const TicketTypeBody = Type.Object({
  name: Str(),
  description: Str(1000),
  category: Str(),
  icon: Str(64),
  is_internal: Bool,
  archived: Bool,
});
const AttributeBody = Type.Object({
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

export default async function routes(app: App) {
  app.get("/ticket_types", async (req) => ({ type: "list", data: (await listTicketTypes(ctx(req))).map(presentTicketType) }));
  app.post("/ticket_types", { schema: { body: TicketTypeBody } }, async (req) => presentTicketType(await createTicketType(ctx(req), req.body ?? {})));
  app.get("/ticket_types/:id", { schema: { params: Id } }, async (req) => presentTicketType(await getTicketType(ctx(req), req.params.id)));
  app.put("/ticket_types/:id", { schema: { params: Id, body: TicketTypeBody } }, async (req) => presentTicketType(await updateTicketType(ctx(req), req.params.id, req.body ?? {})));
  app.post("/ticket_types/:ticket_type_id/attributes", { schema: { params: TypeId, body: AttributeBody } }, async (req) => {
    const c = ctx(req);
    return presentTicketTypeAttribute(await createTicketTypeAttribute(c, req.params.ticket_type_id, req.body ?? {}), c.wsId);
  });
  app.put("/ticket_types/:ticket_type_id/attributes/:id", { schema: { params: AttrIds, body: AttributeBody } }, async (req) => {
    const c = ctx(req);
    return presentTicketTypeAttribute(await updateTicketTypeAttribute(c, req.params.ticket_type_id, req.params.id, req.body ?? {}), c.wsId);
  });
  app.get("/ticket_states", async (req) => ({ type: "list", data: (await listTicketStates(ctx(req))).map(presentTicketStateDetailed) }));
}
