// GET|POST /folders, GET|PUT|DELETE /folders/{id} (Unstable)
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { pagesObject } from "../../platform/pagination.js";
import { createFolder, deleteFolder, getFolder, listFolders, updateFolder } from "./service.js";
import { deletedFolder, presentFolder } from "./present.js";
import { FolderBody } from "./schemas.js";

const Id = Type.Object({ id: Type.String() });
const ListQuery = Type.Object({ page: Type.Optional(Type.Integer()), per_page: Type.Optional(Type.Integer()), parent_folder_id: Type.Optional(Type.Integer()) });

export default async function routes(app: App) {
  app.get("/folders", { schema: { querystring: ListQuery } }, async (req) => {
    const r = await listFolders(ctx(req), req.query);
    return { type: "list", data: r.rows.map(presentFolder), total_count: r.total, pages: pagesObject(r.page, r.perPage, r.total, null) };
  });
  app.post("/folders", { schema: { body: FolderBody } }, async (req) => presentFolder(await createFolder(ctx(req), req.body.folder)));
  app.get("/folders/:id", { schema: { params: Id } }, async (req) => presentFolder(await getFolder(ctx(req), req.params.id)));
  app.put("/folders/:id", { schema: { params: Id, body: FolderBody } }, async (req) => presentFolder(await updateFolder(ctx(req), req.params.id, req.body.folder)));
  app.delete("/folders/:id", { schema: { params: Id } }, async (req) => deletedFolder(await deleteFolder(ctx(req), req.params.id)));
}
