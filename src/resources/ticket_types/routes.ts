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
import { AttributeBody, TicketTypeBody } from "./schemas.js";

const Id = Type.Object({ id: Type.String() });
const TypeId = Type.Object({ ticket_type_id: Type.String() });
const AttrIds = Type.Object({ ticket_type_id: Type.String(), id: Type.String() });

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
