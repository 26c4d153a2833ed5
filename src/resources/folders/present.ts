// Folder rows → Intercom JSON.
import type { FolderRow } from "./service.js";

export const presentFolder = (f: FolderRow) => ({
  id: Number(f.id),
  name: f.name,
  description: f.description,
  emoji: f.emoji,
  parent_folder_id: f.parent_folder_id === null ? null : Number(f.parent_folder_id),
  content_count: f.content_count,
  created_at: Number(f.created_at),
  updated_at: Number(f.updated_at),
});

export const deletedFolder = (id: number) => ({ id: Number(id), object: "folder", deleted: true });
