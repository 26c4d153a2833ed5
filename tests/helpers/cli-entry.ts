// Runs the opencom CLI from its TypeScript sources (tests spawn it with `node --import tsx`).
import { main } from "../../src/cli.js";

await main(process.argv);
