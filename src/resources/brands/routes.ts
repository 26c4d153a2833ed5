// GET /brands, GET /brands/{id}
import { Type } from "typebox";
import type { App } from "../../platform/http.js";
import { ctx } from "../../platform/http.js";
import { defaultAddresses, getBrand, listBrands } from "./service.js";
import { presentBrand } from "./present.js";

export default async function routes(app: App) {
  app.get("/brands", async (req) => {
    const c = ctx(req);
    const brands = await listBrands(c);
    const addresses = await defaultAddresses(c, brands.map((b) => b.id));
    return { type: "list", data: brands.map((b) => presentBrand(b, addresses.get(b.id))) };
  });
  app.get("/brands/:id", { schema: { params: Type.Object({ id: Type.String({ maxLength: 64 }) }) } }, async (req) => {
    const c = ctx(req);
    const brand = await getBrand(c, req.params.id);
    return presentBrand(brand, (await defaultAddresses(c, [brand.id])).get(brand.id));
  });
}
