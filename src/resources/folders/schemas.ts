// Request shapes of /folders: the routes validate with them, the service is typed by them.
import { Type, type Static } from "typebox";
import { Nullable } from "../../platform/schema.js";

export const FolderFields = Type.Object({
  name: Type.Optional(Type.String()),
  description: Nullable(Type.String({ maxLength: 10_000 })),
  emoji: Nullable(Type.String({ maxLength: 32 })),
  parent_folder_id: Nullable(Type.Integer()),
});
export type FolderInput = Static<typeof FolderFields>;
export const FolderBody = Type.Object({ folder: FolderFields });
